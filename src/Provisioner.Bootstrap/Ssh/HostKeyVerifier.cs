using Provisioner.Bootstrap.Ssh.KnownHosts;

namespace Provisioner.Bootstrap.Ssh;

/// <summary>
/// Decides whether to trust the key a host offers: known → yes; unknown → only with trust-on-first-use (and then it
/// is remembered); changed, revoked, or known only with another key type → never. Refusals explain what to do.
/// </summary>
internal sealed class HostKeyVerifier
{
    private readonly KnownHostsStore _store;
    private readonly bool _acceptNew;

    public HostKeyVerifier(KnownHostsStore store, bool acceptNew)
    {
        _store = store;
        _acceptNew = acceptNew;
    }

    public KnownHostsStore Store => _store;

    /// <summary>Null when the key is trusted; else the refusal.</summary>
    public HostKeyException? Verify(SshTarget target, byte[] key)
    {
        var check = _acceptNew ? _store.TrustIfUnknown(target.Address, target.Port, key) : _store.Check(target.Address, target.Port, key);
        return check.Status switch
        {
            HostKeyStatus.Known => null,
            HostKeyStatus.Unknown when _acceptNew => null,
            HostKeyStatus.Unknown => new HostKeyException(Unknown(target, check)),
            HostKeyStatus.Changed => new HostKeyException(Changed(target, check)),
            HostKeyStatus.Revoked => new HostKeyException(
                $"{target.Name}: the host offered a key marked @revoked ({check.KeyType} {check.Fingerprint}, {string.Join(", ", check.HostEntries.Select(e => e.Location))}); refusing to connect"),
            _ => new HostKeyException(OtherType(target, check)),
        };
    }

    private string Unknown(SshTarget target, HostKeyCheck check) =>
        $"""
        {target.Name}: the host key of {check.LookupName} is not known ({_store.Path} has no entry for it).
          offered key: {check.KeyType} {check.Fingerprint}
          Compare this fingerprint with the host's own (on its console: ssh-keygen -lf /etc/ssh/ssh_host_{ShortType(check.KeyType)}_key.pub).
          If they match, either add the key to {_store.Path} (e.g. ssh-keyscan {(target.Port == 22 ? string.Empty : $"-p {target.Port} ")}{target.Address} >> {_store.Path}, then check it again)
          or rerun with --accept-new-host-keys to trust keys of hosts seen for the first time.
        """;

    private string Changed(SshTarget target, HostKeyCheck check) =>
        $"""
        {target.Name}: WARNING: THE HOST KEY OF {check.LookupName} HAS CHANGED. Refusing to connect.
          offered key:  {check.KeyType} {check.Fingerprint}
          known key(s): {string.Join(", ", check.HostEntries.Where(e => e.KeyType == check.KeyType).Select(e => $"{SshKeyBlob.Fingerprint(e.Key)} at {e.Location}"))}
          Someone may be intercepting the connection (man-in-the-middle), or the host was reinstalled.
          Only if you know the host's keys were replaced: check the new fingerprint on the host's console, then remove
          the old entry (ssh-keygen -R '{check.LookupName}' -f {_store.Path}) and connect again.
          --accept-new-host-keys never accepts a changed key.
        """;

    private string OtherType(SshTarget target, HostKeyCheck check) =>
        $"""
        {target.Name}: the host offered a {check.KeyType} key ({check.Fingerprint}), but {_store.Path} knows {check.LookupName} only with
          {string.Join(", ", check.HostEntries.Select(e => $"{e.KeyType} at {e.Location}"))}, and the host did not offer that key type.
          Treating this as a changed key: check the host's keys on its console, then fix {_store.Path}.
        """;

    private static string ShortType(string keyType) => keyType switch
    {
        "ssh-ed25519" => "ed25519",
        "ssh-rsa" => "rsa",
        _ when keyType.StartsWith("ecdsa-", StringComparison.Ordinal) => "ecdsa",
        _ => "*",
    };
}
