using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Bootstrap.Ssh.KnownHosts;

/// <summary>One line of an OpenSSH known_hosts file: host patterns (plain or hashed), key type and key.</summary>
internal sealed record KnownHostEntry(string File, int Line, KnownHostMarker Marker, string Hosts, string KeyType, byte[] Key)
{
    public const string HashedPrefix = "|1|";

    public string Location => $"{File}:{Line}";

    public bool IsHashed => Hosts.StartsWith(HashedPrefix, StringComparison.Ordinal);

    public bool HasKey(byte[] key) => Key.AsSpan().SequenceEqual(key);

    /// <summary>
    /// Whether this line names <paramref name="lookupName"/> (<c>host</c>, or <c>[host]:port</c> off port 22).
    /// Hashed lines compare HMAC-SHA1(salt, name); plain lines are comma-separated globs, where a matching
    /// <c>!pattern</c> excludes the host whatever else matches (OpenSSH's rule).
    /// </summary>
    public bool Matches(string lookupName)
    {
        var name = lookupName.ToLowerInvariant();
        if (IsHashed)
        {
            return MatchesHashed(name);
        }

        var matched = false;
        foreach (var raw in Hosts.Split(','))
        {
            var negated = raw.StartsWith('!');
            var pattern = (negated ? raw[1..] : raw).ToLowerInvariant();
            if (pattern.Length == 0 || !Glob(pattern, name))
            {
                continue;
            }

            if (negated)
            {
                return false;
            }

            matched = true;
        }

        return matched;
    }

    private bool MatchesHashed(string name)
    {
        var parts = Hosts[HashedPrefix.Length..].Split('|');
        if (parts.Length != 2)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[0]);
            var expected = Convert.FromBase64String(parts[1]);
            // The hashed known_hosts format is defined with HMAC-SHA1; it hides names, it does not authenticate keys.
#pragma warning disable CA5350
            var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
#pragma warning restore CA5350
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>OpenSSH's match_pattern: <c>*</c> any run of characters, <c>?</c> exactly one.</summary>
    internal static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
