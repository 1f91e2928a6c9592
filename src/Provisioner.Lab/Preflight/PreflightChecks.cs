using Provisioner.Lab.Processes;

namespace Provisioner.Lab.Preflight;

/// <summary>Checks made before touching anything, each failing with the exact fix.</summary>
internal static class PreflightChecks
{
    public static readonly IReadOnlyList<RequiredTool> UpTools =
    [
        new("docker", "docker.io"), new("dockerd", "docker.io"), new("debootstrap", "debootstrap"),
        new("apt-cacher-ng", "apt-cacher-ng"), new("zstd", "zstd"), new("tar", "tar"),
        new("ssh-keygen", "openssh-client"), new("ssh-keyscan", "openssh-client"),
        new("iptables", "iptables"), new("ip", "iproute2"), new("start-stop-daemon", "dpkg"),
    ];

    public static readonly IReadOnlyList<RequiredTool> DownTools =
    [
        new("docker", "docker.io"), new("iptables", "iptables"), new("ip", "iproute2"), new("start-stop-daemon", "dpkg"),
    ];

    public static void RequireRoot(string command)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new LabException($"'prov lab {command}' must run as root: it starts dockerd and apt-cacher-ng, changes iptables rules and runs debootstrap; run it with sudo");
        }
    }

    public static void RequireTools(IReadOnlyList<RequiredTool> tools)
    {
        var missing = tools.Where(t => ToolLocator.Find(t.Program) is null).ToList();
        if (missing.Count > 0)
        {
            var packages = string.Join(' ', missing.Select(t => t.Package).Distinct(StringComparer.Ordinal));
            throw new LabException(
                $"missing programs: {string.Join(", ", missing.Select(t => $"{t.Program} (package {t.Package})"))}; install them with: apt-get install -y {packages}");
        }
    }
}
