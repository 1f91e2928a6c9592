// A verified X.509 CRL of our CA, reduced to what the validator needs: revoked serials and when.
using System.Numerics;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Security.Revocation;

/// <summary>
/// The serials the CA has revoked. Only ever built from a CRL whose signature was verified against the CA
/// (<see cref="Load"/>/<see cref="Parse"/>), or empty.
/// </summary>
public sealed class RevocationList : IRevocationSource
{
    private readonly Dictionary<string, DateTimeOffset> _revoked;

    internal RevocationList(BigInteger number, DateTimeOffset thisUpdate, Dictionary<string, DateTimeOffset> revoked)
    {
        Number = number;
        ThisUpdate = thisUpdate;
        _revoked = revoked;
    }

    /// <summary>No certificate revoked: for a CA that has never revoked anything.</summary>
    public static RevocationList Empty { get; } = new(BigInteger.MinusOne, DateTimeOffset.MinValue, new(StringComparer.Ordinal));

    /// <summary>The CRL number: grows with every revocation, so an older list can be told from a newer one.</summary>
    public BigInteger Number { get; }

    public DateTimeOffset ThisUpdate { get; }

    /// <summary>Revoked serials (normalised hex) and their revocation times.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Revoked => _revoked;

    RevocationList IRevocationSource.Current => this;

    public bool IsRevoked(string serial, out DateTimeOffset revokedAt) => _revoked.TryGetValue(serial, out revokedAt);

    /// <summary>Reads and verifies a PEM or DER CRL file signed by <paramref name="authority"/>.</summary>
    public static RevocationList Load(string path, X509Certificate2 authority)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SecurityFileException(path, "revocation list not found (copy revoked.crl from the controller's CA directory)", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecurityFileException(path, $"cannot read revocation list: {ex.Message}", ex);
        }

        return Parse(content, authority, path);
    }

    /// <summary>Parses and verifies a PEM or DER CRL; <paramref name="source"/> names it in errors.</summary>
    public static RevocationList Parse(byte[] content, X509Certificate2 authority, string source) =>
        CrlReader.Read(content, authority, source);
}
