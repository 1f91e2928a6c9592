using Provisioner.Security.Certificates;

namespace Provisioner.Security.Authority;

/// <summary>One certificate the CA has signed, as <c>prov ca list</c> shows it.</summary>
public sealed record IssuedCertificate(PeerIdentity Identity, string Path, DateTimeOffset? RevokedAt)
{
    public string Serial => Identity.Serial;

    public string Name => Identity.Name;

    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpiredAt(DateTimeOffset now) => now > Identity.NotAfter;
}
