using Renci.SshNet;

namespace Provisioner.Bootstrap.Ssh;

/// <summary>How to authenticate: private keys (loaded once, see <see cref="SshKeys"/>) and/or a password.</summary>
public sealed class SshCredentials
{
    public SshCredentials(IReadOnlyList<IPrivateKeySource> keys, string? password)
    {
        Keys = keys;
        Password = password;
        if (keys.Count == 0 && password is null)
        {
            throw new BootstrapException("no SSH credentials: give a key with --key FILE (or have ~/.ssh/id_ed25519, id_ecdsa or id_rsa), or --ask-pass for a password");
        }
    }

    public IReadOnlyList<IPrivateKeySource> Keys { get; }

    public string? Password { get; }
}
