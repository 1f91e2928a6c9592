using Provisioner.Controller.Dispatch;
using Provisioner.Controller.Local;

namespace Provisioner.Cli.Commands.Apply;

/// <summary>The connector behind <c>--connection</c>.</summary>
internal static class Connections
{
    public const string Agent = "agent";
    public const string Local = "local";

    /// <summary>The connector, or null with <paramref name="error"/> saying why there is none.</summary>
    public static IAgentConnector? Create(string connection, string? agentPath, string stateDirectory, out string? error)
    {
        switch (connection)
        {
            case Local:
                var agent = LocalAgentConnector.Locate(agentPath, Environment.GetEnvironmentVariable("PROV_AGENT"), AppContext.BaseDirectory,
                    Environment.GetEnvironmentVariable("PATH"));
                if (agent is null)
                {
                    error = agentPath is not null
                        ? $"--agent-path '{agentPath}' does not exist"
                        : "--connection local needs prov-agent: put it beside prov or on PATH, or name it with --agent-path or PROV_AGENT";
                    return null;
                }

                error = null;
                return new LocalAgentConnector(agent, stateDirectory);
            default:
                error = "the agent connection (mTLS gRPC to each host's prov-agent) is not available in this build yet; "
                    + "use --connection local to run the plans on this machine through a local prov-agent";
                return null;
        }
    }
}
