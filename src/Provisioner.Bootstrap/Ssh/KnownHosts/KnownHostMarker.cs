namespace Provisioner.Bootstrap.Ssh.KnownHosts;

/// <summary>The optional marker in front of a known_hosts line.</summary>
internal enum KnownHostMarker
{
    None,

    /// <summary><c>@cert-authority</c>: a CA for host certificates; not used to verify plain host keys.</summary>
    CertAuthority,

    /// <summary><c>@revoked</c>: this key must never be accepted.</summary>
    Revoked,
}
