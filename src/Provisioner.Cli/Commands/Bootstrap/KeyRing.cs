using Provisioner.Bootstrap.Ssh;
using Renci.SshNet;

namespace Provisioner.Cli.Commands.Bootstrap;

/// <summary>SSH private keys, each loaded once per run; the passphrase of an encrypted key is asked for once.</summary>
internal sealed class KeyRing
{
    private readonly Dictionary<string, IPrivateKeySource> _keys = new(StringComparer.Ordinal);

    public IPrivateKeySource Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!_keys.TryGetValue(full, out var key))
        {
            var passphrase = SshKeys.NeedsPassphrase(full) ? SecretPrompt.Read($"Passphrase for {full}: ") : null;
            key = SshKeys.Load(full, passphrase);
            _keys[full] = key;
        }

        return key;
    }
}
