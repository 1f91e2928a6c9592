using Provisioner.Lab.Processes;

namespace Provisioner.Lab.Hosts;

/// <summary>The lab's own ed25519 key pair; root on every host trusts its public half.</summary>
internal static class LabSshKey
{
    /// <summary>Makes the key pair unless both halves exist; returns true when a new key was made.</summary>
    public static async Task<bool> EnsureAsync(IProcessRunner runner, LabPaths paths, string labId, CancellationToken cancellationToken)
    {
        if (File.Exists(paths.PrivateKey) && File.Exists(paths.PublicKey))
        {
            return false;
        }

        FileOps.DeleteIfPresent(paths.PrivateKey);
        FileOps.DeleteIfPresent(paths.PublicKey);
        Directory.CreateDirectory(paths.StateDirectory);
        await runner.RunCheckedAsync(
            new ProcessSpec("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-C", "prov-lab-" + labId, "-f", paths.PrivateKey], TimeSpan.FromSeconds(30), "generating the lab SSH key")
            {
                Hint = "ssh-keygen comes with openssh-client: apt-get install -y openssh-client",
            },
            cancellationToken).ConfigureAwait(false);
        return true;
    }
}
