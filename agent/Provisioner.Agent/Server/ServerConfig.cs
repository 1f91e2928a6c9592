// prov-agent serve's configuration file (/etc/prov/agent.json): where to listen and which credentials to use.
using System.Net;
using System.Text.Json;
using Provisioner.Agent.State;

namespace Provisioner.Agent.Server;

/// <summary>
/// The agent's JSON configuration (snake_case keys; unknown keys are an error). Relative paths are relative to the
/// configuration file's directory. <c>revocation_list: null</c> turns revocation checking off (logged at start-up).
/// </summary>
internal sealed record ServerConfig
{
    // Settable rather than init-only: the JSON source generator would otherwise reset every absent key to null,
    // losing the defaults below.
    public const string DefaultPath = "/etc/prov/agent.json";

    public string Listen { get; set; } = "0.0.0.0";

    public int Port { get; set; } = 7443;

    public string CaCertificate { get; set; } = "/etc/prov/ca.crt";

    public string Certificate { get; set; } = "/etc/prov/agent.crt";

    public string Key { get; set; } = "/etc/prov/agent.key";

    public string? RevocationList { get; set; } = "/etc/prov/revoked.crl";

    public string StateDir { get; set; } = StateLayout.DefaultRoot;

    /// <summary>How long StartRun waits for a run in progress before answering busy.</summary>
    public double LockWaitSeconds { get; set; } = 60;

    /// <summary>verbose, debug, information, warning or error.</summary>
    public string LogLevel { get; set; } = "information";

    public IPAddress ListenAddress => IPAddress.Parse(Listen);

    /// <summary>Reads and checks the file; every problem is reported at once, with the file's path.</summary>
    public static ServerConfig Load(string path)
    {
        ServerConfig? config;
        try
        {
            using var stream = File.OpenRead(path);
            config = JsonSerializer.Deserialize(stream, ServerConfigJson.Default.ServerConfig);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ServerConfigException($"{path}: configuration file not found (pass --config FILE)", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ServerConfigException($"{path}: cannot read: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"{path}:{line + 1}:{(ex.BytePositionInLine ?? 0) + 1}" : path;
            throw new ServerConfigException($"{where}: error: {ex.Message}", ex);
        }

        if (config is null)
        {
            throw new ServerConfigException($"{path}: the configuration is null; expected an object");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        config = config with
        {
            CaCertificate = Resolve(directory, config.CaCertificate),
            Certificate = Resolve(directory, config.Certificate),
            Key = Resolve(directory, config.Key),
            RevocationList = config.RevocationList is null ? null : Resolve(directory, config.RevocationList),
            StateDir = Resolve(directory, config.StateDir),
        };
        var problems = config.Problems().ToList();
        return problems.Count == 0
            ? config
            : throw new ServerConfigException(string.Join(Environment.NewLine, problems.Select(p => $"{path}: error: {p}")));
    }

    private IEnumerable<string> Problems()
    {
        if (!IPAddress.TryParse(Listen, out _))
        {
            yield return $"listen: '{Listen}' is not an IP address (use 0.0.0.0 for every IPv4 address, :: for every address)";
        }

        if (Port is < 0 or > 65535)
        {
            yield return $"port: {Port} is not a TCP port (0-65535; 0 picks a free one)";
        }

        if (LockWaitSeconds is < 0 or > 86400 || double.IsNaN(LockWaitSeconds))
        {
            yield return $"lock_wait_seconds: {LockWaitSeconds} is out of range (0-86400)";
        }

        if (LogLevels.Parse(LogLevel) is null)
        {
            yield return $"log_level: '{LogLevel}' is not one of verbose, debug, information, warning, error";
        }

        foreach (var (key, value) in new[] { ("ca_certificate", CaCertificate), ("certificate", Certificate), ("key", Key), ("state_dir", StateDir) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{key}: must not be empty";
            }
        }
    }

    private static string Resolve(string directory, string path) =>
        string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, directory);
}
