namespace Provisioner.Controller.Transport;

/// <summary>Why an agent that was reached said no.</summary>
public enum AgentRefusal
{
    /// <summary>Another run holds the host for longer than the agent waits.</summary>
    Busy,

    /// <summary>The run id or the plan is invalid.</summary>
    InvalidRequest,

    /// <summary>The plan is for another host than this agent's certificate names.</summary>
    WrongHost,

    /// <summary>The agent has no record of the run.</summary>
    UnknownRun,

    /// <summary>The agent no longer accepts this controller's certificate on an open connection (revoked or expired since).</summary>
    Unauthorized,

    /// <summary>Anything else the agent reported (its log has the details).</summary>
    AgentError,
}
