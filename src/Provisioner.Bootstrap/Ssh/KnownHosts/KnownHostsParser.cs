namespace Provisioner.Bootstrap.Ssh.KnownHosts;

/// <summary>Reads OpenSSH known_hosts text. Lines it cannot read are skipped, as ssh does.</summary>
internal static class KnownHostsParser
{
    public static IReadOnlyList<KnownHostEntry> Parse(string text, string file)
    {
        var entries = new List<KnownHostEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (ParseLine(lines[i].TrimEnd('\r'), file, i + 1) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private static KnownHostEntry? ParseLine(string line, string file, int number)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith('#'))
        {
            return null;
        }

        var fields = trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var marker = KnownHostMarker.None;
        var next = 0;
        if (fields[0].StartsWith('@'))
        {
            KnownHostMarker? known = fields[0] switch
            {
                "@cert-authority" => KnownHostMarker.CertAuthority,
                "@revoked" => KnownHostMarker.Revoked,
                _ => null,
            };
            if (known is null)
            {
                return null;
            }

            marker = known.Value;
            next = 1;
        }

        if (fields.Length < next + 3)
        {
            return null;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(fields[next + 2]);
        }
        catch (FormatException)
        {
            return null;
        }

        // The blob names its own type; a line whose type field disagrees is corrupt.
        var type = SshKeyBlob.TypeOf(key);
        return type is null || type != fields[next + 1] ? null : new KnownHostEntry(file, number, marker, fields[next], type, key);
    }
}
