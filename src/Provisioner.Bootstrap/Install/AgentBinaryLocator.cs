namespace Provisioner.Bootstrap.Install;

/// <summary>
/// Finds the prov-agent binary for a host's architecture. <c>--agent-binary</c> names either one executable (used for
/// every host; its architecture must match) or a directory laid out like the default one:
/// <c>&lt;directory of prov&gt;/agent/linux-x64/prov-agent</c>, <c>.../linux-arm64/prov-agent</c>.
/// </summary>
public sealed class AgentBinaryLocator
{
    private readonly string? _given;
    private readonly Dictionary<string, AgentBinary> _opened = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public AgentBinaryLocator(string? given)
    {
        _given = given is null ? null : Path.GetFullPath(given);
    }

    /// <summary>Where the binaries are looked for when <c>--agent-binary</c> is not given.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "agent");

    public AgentBinary For(string host, string runtimeId)
    {
        string path;
        if (_given is not null && File.Exists(_given))
        {
            path = _given;
        }
        else
        {
            var directory = _given ?? DefaultDirectory;
            path = Path.Combine(directory, runtimeId, "prov-agent");
            if (!File.Exists(path))
            {
                throw new BootstrapException(
                    $"{host}: no prov-agent for {runtimeId} at {path}{(_given is null ? " (the default location)" : string.Empty)}; publish it there with "
                    + $"'dotnet publish agent/Provisioner.Agent -r {runtimeId} -p:PublishAot=true -o {Path.GetDirectoryName(path)}', or give one with --agent-binary FILE");
            }
        }

        AgentBinary binary;
        lock (_lock)
        {
            if (!_opened.TryGetValue(path, out binary!))
            {
                binary = AgentBinary.Open(path);
                _opened[path] = binary;
            }
        }

        return binary.RuntimeId == runtimeId
            ? binary
            : throw new UnsupportedHostException($"{host}: the host needs a {runtimeId} agent, but {path} is built for {binary.RuntimeId}; give a directory with one binary per architecture (--agent-binary DIR, DIR/{runtimeId}/prov-agent)");
    }
}
