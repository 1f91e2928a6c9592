// Who a certificate says its holder is: name, role, SANs, serial and validity, read from the certificate alone.
using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Security.Certificates;

/// <summary>
/// The identity carried by a certificate. <see cref="Role"/> is null unless the certificate holds exactly one role URI
/// and the extended key usage that role needs; <see cref="RoleProblem"/> then says what is wrong. Reading an identity
/// verifies nothing: <see cref="Validation.PeerValidator"/> decides whether to trust it.
/// </summary>
public sealed record PeerIdentity
{
    private const string SubjectAltNameOid = "2.5.29.17";
    private const string ExtendedKeyUsageOid = "2.5.29.37";
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    /// <summary>The subject's common name: the host name for an agent, the controller's name for a controller.</summary>
    public required string Name { get; init; }

    public PeerRole? Role { get; init; }

    public string? RoleProblem { get; init; }

    /// <summary>Normalised serial: upper-case hex without leading zeros.</summary>
    public required string Serial { get; init; }

    public IReadOnlyList<string> DnsNames { get; init; } = [];

    public IReadOnlyList<IPAddress> IpAddresses { get; init; } = [];

    public IReadOnlyList<string> Uris { get; init; } = [];

    public DateTimeOffset NotBefore { get; init; }

    public DateTimeOffset NotAfter { get; init; }

    public string Issuer { get; init; } = string.Empty;

    /// <summary>True when <paramref name="host"/> is one of the DNS SANs (case-insensitive) or, as an address, one of the IP SANs.</summary>
    public bool Names(string host) =>
        DnsNames.Any(d => string.Equals(d, host, StringComparison.OrdinalIgnoreCase))
        || (IPAddress.TryParse(host, out var address) && IpAddresses.Contains(address));

    public static PeerIdentity FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var dns = new List<string>();
        var ips = new List<IPAddress>();
        var uris = new List<string>();
        var usages = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            switch (extension.Oid?.Value)
            {
                case SubjectAltNameOid:
                    var san = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
                    dns.AddRange(san.EnumerateDnsNames());
                    ips.AddRange(san.EnumerateIPAddresses());
                    uris.AddRange(ReadUris(extension.RawData));
                    break;
                case ExtendedKeyUsageOid:
                    var eku = new X509EnhancedKeyUsageExtension(extension, extension.Critical);
                    usages.AddRange(eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).OfType<string>());
                    break;
            }
        }

        var (role, problem) = RoleOf(uris, usages);
        return new PeerIdentity
        {
            Name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
            Role = role,
            RoleProblem = problem,
            Serial = SerialNumbers.Normalize(certificate.SerialNumberBytes.Span),
            DnsNames = dns,
            IpAddresses = ips,
            Uris = uris,
            NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            Issuer = certificate.Issuer,
        };
    }

    private static (PeerRole? Role, string? Problem) RoleOf(List<string> uris, List<string> usages)
    {
        var roles = uris.Where(u => u.StartsWith(RoleMarkers.UriPrefix, StringComparison.Ordinal)).ToList();
        if (roles.Count == 0)
        {
            return (null, "it carries no prov role (no urn:prov:role: URI)");
        }

        if (roles.Count > 1)
        {
            return (null, $"it carries {roles.Count} role URIs ({string.Join(", ", roles)}); a certificate has exactly one role");
        }

        var name = roles[0][RoleMarkers.UriPrefix.Length..];
        if (RoleMarkers.Parse(name) is not { } role)
        {
            return (null, $"its role '{name}' is not a prov role (controller or agent)");
        }

        var needed = RoleMarkers.RequiredUsage(role);
        return usages.Contains(needed)
            ? (role, null)
            : (null, $"its role {name} lacks the extended key usage {(role == PeerRole.Agent ? "serverAuth" : "clientAuth")} that role requires");
    }

    // .NET reads DNS and IP SANs but not URIs: GeneralNames is SEQUENCE OF GeneralName, uniformResourceIdentifier is [6] IA5String.
    private static List<string> ReadUris(byte[] sanExtension)
    {
        var result = new List<string>();
        try
        {
            var names = new AsnReader(sanExtension, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                if (names.PeekTag() == UriTag)
                {
                    result.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, UriTag));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            // A malformed SAN yields no URIs, hence no role: the certificate is refused for that.
        }

        return result;
    }
}
