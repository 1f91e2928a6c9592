// One-time, short-lived tokens that let a freshly bootstrapped host get its CSR signed exactly once.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Provisioner.Security.Authority;
using Provisioner.Security.Certificates;

namespace Provisioner.Security.Enrolment;

/// <summary>
/// Enrolment tokens kept in CA_DIR/enrolment.json (0600) as SHA-256 hashes only. A token is bound to one host, expires,
/// and is consumed by its first successful use; the bootstrap hands it to the host over SSH and the host presents it
/// with its CSR.
/// </summary>
public sealed class EnrolmentTokens
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);
    private const string Prefix = "prov-enrol-";

    private readonly string _path;
    private readonly string _lockPath;
    private readonly TimeProvider _time;

    public EnrolmentTokens(CaLayout layout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _path = layout.EnrolmentTokens;
        _lockPath = layout.LockFile;
        _time = time;
    }

    /// <summary>A new token for <paramref name="host"/>, valid for <paramref name="lifetime"/>; only its hash is stored.</summary>
    public string Create(string host, TimeSpan lifetime)
    {
        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = _time.GetUtcNow();
        using var held = Hold();
        var entries = Load().Where(e => e.ExpiresAt > now && e.UsedAt is null).ToList();
        entries.Add(new EnrolmentTokenEntry { Hash = Hash(token), Host = host, ExpiresAt = now + lifetime });
        Save(entries);
        return token;
    }

    /// <summary>Consumes <paramref name="token"/> for <paramref name="host"/>, or throws saying why it is refused.</summary>
    public void Redeem(string token, string host)
    {
        ArgumentNullException.ThrowIfNull(token);
        var hash = Hash(token);
        var now = _time.GetUtcNow();
        using var held = Hold();
        var entries = Load();
        var entry = entries.FirstOrDefault(e => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(e.Hash), Encoding.ASCII.GetBytes(hash)));
        var refusal = entry switch
        {
            null => "the enrolment token is not known to this CA",
            { UsedAt: { } used } => $"the enrolment token was already used on {used:u}",
            { ExpiresAt: var expires } when expires <= now => $"the enrolment token expired on {expires:u}",
            { Host: var bound } when !string.Equals(bound, host, StringComparison.OrdinalIgnoreCase) => $"the enrolment token was issued for '{bound}', not '{host}'",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new CertificateRequestException($"enrolment of '{host}' refused: {refusal}; create a new token");
        }

        entry!.UsedAt = now;
        Save(entries);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private List<EnrolmentTokenEntry> Load()
    {
        if (!File.Exists(_path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(_path), EnrolmentJson.Default.ListEnrolmentTokenEntry) ?? [];
        }
        catch (JsonException ex)
        {
            throw new SecurityFileException(_path, $"not a valid enrolment token file ({ex.Message})", ex);
        }
    }

    private void Save(List<EnrolmentTokenEntry> entries) =>
        CredentialFiles.Replace(_path, JsonSerializer.Serialize(entries, EnrolmentJson.Default.ListEnrolmentTokenEntry), CredentialFiles.KeyMode);

    private FileStream Hold()
    {
        try
        {
            return new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new SecurityFileException(_lockPath, "another prov ca command is changing this CA; try again when it has finished", ex);
        }
    }
}
