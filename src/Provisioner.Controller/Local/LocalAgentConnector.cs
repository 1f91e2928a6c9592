using Provisioner.Controller.Dispatch;

namespace Provisioner.Controller.Local;

/// <summary>
/// <c>--connection local</c>: every inventory host is this machine. Each host's plan runs through a local
/// <c>prov-agent</c> process (the same engine and modules as on a remote host, no network, no mTLS), with a state
/// directory of its own under <c>STATE_DIR/local-agent/HOST</c> so that runs of different inventory names do not wait
/// for each other's lock. Meant for tests and single-machine use; tasks of different inventory names share this
/// machine's files.
/// </summary>
public sealed class LocalAgentConnector : IAgentConnector
{
    private readonly AgentCommand _agent;
    private readonly string _stateDirectory;

    public LocalAgentConnector(string agentPath, string stateDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentPath);
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        _agent = new AgentCommand(agentPath);
        _stateDirectory = Path.Combine(stateDirectory, "local-agent");
    }

    public Task<IHostConnection> ConnectAsync(HostAddress host, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        IHostConnection connection = new LocalHostConnection(host.Name, _agent, Path.Combine(_stateDirectory, AgentRunIds.SafeName(host.Name)));
        return Task.FromResult(connection);
    }

    /// <summary>
    /// Where prov-agent is: <paramref name="explicitPath"/> (<c>--agent-path</c>), else <c>PROV_AGENT</c>, else beside
    /// prov itself (<c>prov-agent</c> or <c>prov-agent.dll</c>), else on <c>PATH</c>. Null when none exists.
    /// </summary>
    public static string? Locate(string? explicitPath, string? environmentPath, string baseDirectory, string? searchPath)
    {
        foreach (var candidate in new[] { explicitPath, environmentPath })
        {
            if (!string.IsNullOrEmpty(candidate))
            {
                return File.Exists(candidate) ? Path.GetFullPath(candidate) : null;
            }
        }

        foreach (var name in new[] { "prov-agent", "prov-agent.dll" })
        {
            var beside = Path.Combine(baseDirectory, name);
            if (File.Exists(beside))
            {
                return beside;
            }
        }

        return (searchPath ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "prov-agent"))
            .FirstOrDefault(File.Exists);
    }
}
