namespace Provisioner.Lab.Mirror;

/// <summary>
/// The Debian archive (and security archive) this machine already uses, for debootstrap and for the hosts' sources.
/// Hosts reach it through apt-cacher-ng, which proxies plain http only.
/// </summary>
public sealed record DebianMirror(string Archive, bool HasUpdates, string? Security, string Origin)
{
    public string SourcesList(string suite)
    {
        var lines = new List<string> { $"deb {Archive} {suite} main" };
        if (HasUpdates)
        {
            lines.Add($"deb {Archive} {suite}-updates main");
        }

        if (Security is not null)
        {
            lines.Add($"deb {Security} {suite}-security main");
        }

        return string.Join('\n', lines) + "\n";
    }
}
