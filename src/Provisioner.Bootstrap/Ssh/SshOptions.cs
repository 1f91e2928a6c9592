namespace Provisioner.Bootstrap.Ssh;

/// <summary>How SSH connections are made and bounded.</summary>
public sealed record SshOptions
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The known_hosts file to verify against and to append to (trust on first use).</summary>
    public required string KnownHostsFile { get; init; }

    /// <summary>More known_hosts files that are read but never written (e.g. /etc/ssh/ssh_known_hosts).</summary>
    public IReadOnlyList<string> ReadOnlyKnownHostsFiles { get; init; } = [];

    /// <summary>Trust and remember the key of a host known_hosts does not name yet. A changed key is refused regardless.</summary>
    public bool AcceptNewHostKeys { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>Bound on every remote command, enforced on the host (<c>timeout</c>) and here.</summary>
    public TimeSpan CommandTimeout { get; init; } = DefaultCommandTimeout;

    /// <summary>~/.ssh/known_hosts of the current user.</summary>
    public static string DefaultKnownHostsFile() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");
}
