using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Provisioner.Bootstrap.Enrolment;

/// <summary>
/// One-time enrolment tokens, bound to one host and valid for minutes. Only a SHA-256 of each token is stored (one
/// file per token under <c>STATE_DIR/enrolment/</c>), so the directory never holds a usable token. A token is spent
/// by creating its <c>.used</c> marker exclusively: of two concurrent redeemers, exactly one wins.
/// </summary>
public sealed class EnrolmentTokenStore
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(10);
    private const string Prefix = "prov-enrol-1.";
    private static readonly TimeSpan KeepSpent = TimeSpan.FromDays(1);

    private readonly string _directory;
    private readonly TimeProvider _time;

    public EnrolmentTokenStore(string directory, TimeProvider time)
    {
        _directory = Path.GetFullPath(directory);
        _time = time;
    }

    /// <summary>The enrolment directory under a controller state directory.</summary>
    public static string DirectoryIn(string stateDirectory) => Path.Combine(stateDirectory, "enrolment");

    /// <summary>Creates a token for <paramref name="host"/>; the returned text is the only copy of it.</summary>
    public string Issue(string host, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        EnsureDirectory();
        Prune();
        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = _time.GetUtcNow();
        var record = new TokenRecord(host, now, now + (lifetime ?? DefaultLifetime));
        Write(RecordPath(token), Serialize(record));
        return token;
    }

    /// <summary>
    /// Spends the token for <paramref name="host"/> if it is known, unused, unexpired and bound to that host. A token
    /// presented for another host is spent too: it has leaked, and must not be tried again.
    /// </summary>
    public TokenRedemption Redeem(string token, string host)
    {
        var path = RecordPath(token);
        TokenRecord record;
        try
        {
            record = Deserialize(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return TokenRedemption.Refused("the enrolment token is not one this controller issued (unknown token)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException or KeyNotFoundException)
        {
            return TokenRedemption.Refused($"the enrolment token's record {path} cannot be read: {ex.Message}");
        }

        var now = _time.GetUtcNow();
        if (!TryMarkUsed(path, now, out var usedAt))
        {
            return TokenRedemption.Refused($"the enrolment token was already used (at {usedAt:u}); tokens are single-use");
        }

        if (!string.Equals(record.Host, host, StringComparison.Ordinal))
        {
            return TokenRedemption.Refused($"the enrolment token was issued for host '{record.Host}', not for '{host}'; it is now void");
        }

        if (now >= record.ExpiresAt)
        {
            return TokenRedemption.Refused($"the enrolment token expired at {record.ExpiresAt:u} (issued {record.IssuedAt:u}; it is valid for {(record.ExpiresAt - record.IssuedAt).TotalMinutes:0} minutes)");
        }

        return TokenRedemption.Success;
    }

    private static bool TryMarkUsed(string recordPath, DateTimeOffset now, out DateTimeOffset? usedAt)
    {
        var marker = recordPath + ".used";
        try
        {
            Write(marker, now.ToString("O"), FileMode.CreateNew);
            usedAt = null;
            return true;
        }
        catch (IOException) when (File.Exists(marker))
        {
            usedAt = DateTimeOffset.TryParse(File.ReadAllText(marker), out var at) ? at : null;
            return false;
        }
    }

    private string RecordPath(string token) =>
        Path.Combine(_directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))) + ".json");

    /// <summary>Removes records (and markers) that expired more than a day ago.</summary>
    private void Prune()
    {
        var cutoff = _time.GetUtcNow() - KeepSpent;
        foreach (var path in Directory.EnumerateFiles(_directory, "*.json"))
        {
            try
            {
                if (Deserialize(File.ReadAllText(path)).ExpiresAt < cutoff)
                {
                    File.Delete(path + ".used");
                    File.Delete(path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException or KeyNotFoundException)
            {
                // A record that cannot be read cannot be redeemed either; leave it for a person to look at.
            }
        }
    }

    private void EnsureDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_directory);
            return;
        }

        Directory.CreateDirectory(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void Write(string path, string text, FileMode mode = FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }

    private static string Serialize(TokenRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("host", record.Host);
            json.WriteString("issued_at", record.IssuedAt);
            json.WriteString("expires_at", record.ExpiresAt);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static TokenRecord Deserialize(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        return new TokenRecord(root.GetProperty("host").GetString()!, root.GetProperty("issued_at").GetDateTimeOffset(), root.GetProperty("expires_at").GetDateTimeOffset());
    }

    private sealed record TokenRecord(string Host, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
}
