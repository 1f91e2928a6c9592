namespace Provisioner.Bootstrap.Ssh.KnownHosts;

/// <summary>What known_hosts says about the key a host offered.</summary>
internal enum HostKeyStatus
{
    /// <summary>A line for this host holds exactly this key.</summary>
    Known,

    /// <summary>No line names this host.</summary>
    Unknown,

    /// <summary>Lines name this host with a key of the same type, but not this key.</summary>
    Changed,

    /// <summary>This key is marked <c>@revoked</c>.</summary>
    Revoked,

    /// <summary>Lines name this host, but only with keys of other types than the one offered.</summary>
    OtherTypeKnown,
}
