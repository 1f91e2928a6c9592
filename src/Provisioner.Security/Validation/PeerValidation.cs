using Provisioner.Security.Certificates;

namespace Provisioner.Security.Validation;

/// <summary>The verdict on a peer's certificate: accepted with its identity, or refused with the reason.</summary>
public sealed record PeerValidation(PeerIdentity? Identity, string? RefusalReason)
{
    public bool Accepted => RefusalReason is null;

    public static PeerValidation Accept(PeerIdentity identity) => new(identity, null);

    public static PeerValidation Refuse(PeerIdentity? identity, string reason) => new(identity, reason);
}
