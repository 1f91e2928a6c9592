// /etc/os-release → the "os" fact.
using Provisioner.Core.Data;

namespace Provisioner.Agent.Facts;

internal static class OsReleaseParser
{
    /// <summary>Parses os-release text (KEY=value, optionally quoted) into id, version_id, family, codename and names.</summary>
    public static OrderedDictionary<string, object?> Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            fields[line[..eq]] = Unquote(line[(eq + 1)..]);
        }

        var id = Get(fields, "ID") ?? "linux";
        var idLike = (Get(fields, "ID_LIKE") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var versionId = Get(fields, "VERSION_ID") ?? string.Empty;
        var os = PlainData.NewMap();
        os["id"] = id;
        os["id_like"] = idLike.Cast<object?>().ToList();
        os["family"] = Family(id, idLike);
        os["name"] = Get(fields, "NAME") ?? id;
        os["pretty_name"] = Get(fields, "PRETTY_NAME") ?? Get(fields, "NAME") ?? id;
        os["version"] = Get(fields, "VERSION") ?? versionId;
        os["version_id"] = versionId;
        os["major_version"] = versionId.Split('.')[0];
        os["codename"] = Get(fields, "VERSION_CODENAME") ?? Get(fields, "UBUNTU_CODENAME") ?? CodenameFromVersion(Get(fields, "VERSION"));
        return os;
    }

    /// <summary>Ansible's os_family names, so that "when: prov_os_family == 'Debian'" reads as it does there.</summary>
    public static string Family(string id, IReadOnlyList<string> idLike)
    {
        foreach (var candidate in idLike.Prepend(id))
        {
            var family = candidate switch
            {
                "debian" or "ubuntu" or "raspbian" or "linuxmint" or "kali" or "devuan" => "Debian",
                "rhel" or "centos" or "fedora" or "rocky" or "almalinux" or "ol" or "amzn" => "RedHat",
                "suse" or "opensuse" or "sles" or "opensuse-leap" or "opensuse-tumbleweed" => "Suse",
                "arch" or "manjaro" => "Archlinux",
                "alpine" => "Alpine",
                "gentoo" => "Gentoo",
                _ => null,
            };
            if (family is not null)
            {
                return family;
            }
        }

        return id.Length == 0 ? "Linux" : char.ToUpperInvariant(id[0]) + id[1..];
    }

    private static string? Get(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            value = value[1..^1];
        }

        return value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\$", "$", StringComparison.Ordinal)
            .Replace("\\`", "`", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
    }

    // Older releases only say VERSION="9 (stretch)".
    private static string CodenameFromVersion(string? version)
    {
        if (version is null)
        {
            return string.Empty;
        }

        var open = version.IndexOf('(', StringComparison.Ordinal);
        var close = version.IndexOf(')', StringComparison.Ordinal);
        if (open < 0 || close <= open)
        {
            return string.Empty;
        }

        var inner = version[(open + 1)..close].Trim();
        var comma = inner.IndexOf(',', StringComparison.Ordinal);
        return (comma >= 0 ? inner[..comma] : inner).Trim();
    }
}
