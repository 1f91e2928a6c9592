// How a role is written into a certificate: a SAN URI naming it plus the extended key usage that goes with it.
namespace Provisioner.Security.Certificates;

/// <summary>
/// A certificate holds a role when it carries exactly one <c>urn:prov:role:NAME</c> SAN URI and the extended key usage
/// that role needs: clientAuth for the controller, serverAuth for an agent (agents also get clientAuth).
/// </summary>
public static class RoleMarkers
{
    public const string UriPrefix = "urn:prov:role:";
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    public static string UriOf(PeerRole role) => UriPrefix + NameOf(role);

    public static string NameOf(PeerRole role) => role switch
    {
        PeerRole.Controller => "controller",
        PeerRole.Agent => "agent",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    public static PeerRole? Parse(string name) => name switch
    {
        "controller" => PeerRole.Controller,
        "agent" => PeerRole.Agent,
        _ => null,
    };

    /// <summary>The extended key usage a certificate must carry to act in <paramref name="role"/>.</summary>
    public static string RequiredUsage(PeerRole role) => role == PeerRole.Agent ? ServerAuthOid : ClientAuthOid;

    /// <summary>The extended key usages the authority writes into a certificate for <paramref name="role"/>.</summary>
    internal static IReadOnlyList<string> IssuedUsages(PeerRole role) =>
        role == PeerRole.Agent ? [ServerAuthOid, ClientAuthOid] : [ClientAuthOid];
}
