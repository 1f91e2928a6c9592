namespace Provisioner.Agent.Cli;

/// <summary>prov-agent's exit codes, the same numbers as prov's.</summary>
internal static class AgentExitCodes
{
    public const int Ok = 0;

    /// <summary>The agent could not do what was asked: busy, bad state directory, unknown run.</summary>
    public const int Error = 1;

    /// <summary>The run failed, was interrupted or was cancelled.</summary>
    public const int RunFailed = 2;

    /// <summary>The command line or the plan file is not valid.</summary>
    public const int InvalidInput = 4;
}
