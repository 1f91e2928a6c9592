namespace Provisioner.Bootstrap.Ssh.KnownHosts;

/// <summary>The verdict on one offered host key, with what is needed to explain it.</summary>
internal sealed record HostKeyCheck(
    HostKeyStatus Status,
    string LookupName,
    string KeyType,
    string Fingerprint,
    IReadOnlyList<KnownHostEntry> HostEntries);
