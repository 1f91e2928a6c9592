using Renci.SshNet;
using Renci.SshNet.Common;

namespace Provisioner.Bootstrap.Ssh;

/// <summary>Loads SSH private key files (OpenSSH, PEM, PuTTY formats), with an optional passphrase.</summary>
public static class SshKeys
{
    private static readonly string[] DefaultNames = ["id_ed25519", "id_ecdsa", "id_rsa"];

    /// <summary>The default identities that exist, in the order ssh tries them.</summary>
    public static IReadOnlyList<string> DefaultKeyFiles()
    {
        var directory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
        return DefaultNames.Select(n => Path.Combine(directory, n)).Where(File.Exists).ToList();
    }

    /// <summary>Whether the key file is encrypted (a passphrase must be asked for).</summary>
    public static bool NeedsPassphrase(string path)
    {
        try
        {
            using var key = new PrivateKeyFile(path);
            return false;
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            return true;
        }
        catch (Exception ex) when (ex is SshException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw Unreadable(path, ex);
        }
    }

    public static IPrivateKeySource Load(string path, string? passphrase = null)
    {
        try
        {
            return passphrase is null ? new PrivateKeyFile(path) : new PrivateKeyFile(path, passphrase);
        }
        catch (SshPassPhraseNullOrEmptyException ex)
        {
            throw new BootstrapException($"the SSH key {path} is protected by a passphrase; run prov interactively to be asked for it", ex);
        }
        catch (Exception ex) when (passphrase is not null && ex is SshException or System.Security.Cryptography.CryptographicException)
        {
            throw new BootstrapException($"cannot decrypt the SSH key {path}: wrong passphrase? ({ex.Message})", ex);
        }
        catch (Exception ex) when (ex is SshException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw Unreadable(path, ex);
        }
    }

    private static BootstrapException Unreadable(string path, Exception ex) =>
        new($"cannot use the SSH key {path}: {ex.Message} (give an OpenSSH, PEM or PuTTY private key with --key)", ex);
}
