using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Lab.Image;

/// <summary>
/// What the lab's Debian 12 base image is. Its fingerprint names the cached tarball and the image tag, so changing
/// anything here (or <see cref="Version"/>) rebuilds the image on the next <c>up</c>.
/// </summary>
internal static class BaseImageRecipe
{
    public const int Version = 1;
    public const string Suite = "bookworm";

    /// <summary>python3 only so the same hosts can be driven by Ansible for comparison.</summary>
    public static readonly IReadOnlyList<string> Packages = ["openssh-server", "systemd-sysv", "iproute2", "ca-certificates", "python3"];

    /// <summary>Units that fail or make no sense in a container.</summary>
    public static readonly IReadOnlyList<string> MaskedUnits =
    [
        "getty@tty1.service", "console-getty.service", "systemd-remount-fs.service",
        "dev-hugepages.mount", "sys-fs-fuse-connections.mount", "systemd-logind.service",
    ];

    public const string HostKeyUnit = "prov-lab-ssh-host-keys.service";

    public static readonly IReadOnlyList<RecipeFile> Files =
    [
        new("etc/ssh/sshd_config.d/prov-lab.conf", "PermitRootLogin prohibit-password\nPasswordAuthentication no\nUseDNS no\n", (UnixFileMode)0b110_100_100),
        new(
            "etc/systemd/system/" + HostKeyUnit,
            """
            # Each lab host makes its own SSH host keys at first boot (the image carries none).
            [Unit]
            Description=Generate SSH host keys (prov lab)
            Before=ssh.service
            ConditionPathExists=!/etc/ssh/ssh_host_ed25519_key

            [Service]
            Type=oneshot
            ExecStart=/usr/bin/ssh-keygen -A
            RemainAfterExit=yes

            [Install]
            WantedBy=multi-user.target ssh.service

            """,
            (UnixFileMode)0b110_100_100),
        new("etc/apt/apt.conf.d/01prov-lab-proxy", $"Acquire::http::Proxy \"http://{LabNames.AptProxyName}:3142\";\n", (UnixFileMode)0b110_100_100),
    ];

    /// <summary>Symlinks that enable the host key unit.</summary>
    public static readonly IReadOnlyList<string> HostKeyUnitWants = ["multi-user.target.wants", "ssh.service.wants"];

    public static string Fingerprint { get; } = ComputeFingerprint();

    public static string ImageTag => "prov-lab/debian12:" + Fingerprint;

    public static string TarballName => $"debian12-{Fingerprint}.tar.zst";

    /// <summary><c>docker import --change</c> lines; STOPSIGNAL is not allowed there, the containers set it.</summary>
    public static IReadOnlyList<string> ImportChanges =>
    [
        "ENV container=docker",
        "CMD [\"/sbin/init\"]",
        $"LABEL {LabNames.RecipeLabel}={Fingerprint}",
    ];

    private static string ComputeFingerprint()
    {
        var text = new StringBuilder().Append(Version).Append('\n').Append(Suite).Append('\n');
        text.AppendJoin(',', Packages).Append('\n').AppendJoin(',', MaskedUnits).Append('\n').AppendJoin(',', HostKeyUnitWants).Append('\n');
        foreach (var file in Files)
        {
            text.Append(file.Path).Append('\n').Append(file.Content).Append('\n').Append((int)file.Mode).Append('\n');
        }

        return "r" + Version + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..10];
    }
}
