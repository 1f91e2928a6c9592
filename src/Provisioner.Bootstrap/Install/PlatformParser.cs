namespace Provisioner.Bootstrap.Install;

/// <summary>
/// Pure part of platform detection: <c>uname -sm</c> and <c>/etc/os-release</c> text to a <see cref="HostPlatform"/>.
/// Supported: Linux on x86_64 or aarch64, Debian or a Debian derivative (ID or ID_LIKE names debian).
/// </summary>
internal static class PlatformParser
{
    public static readonly IReadOnlyDictionary<string, string> RuntimeIds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["x86_64"] = "linux-x64",
        ["amd64"] = "linux-x64",
        ["aarch64"] = "linux-arm64",
        ["arm64"] = "linux-arm64",
    };

    public static HostPlatform Parse(string host, string uname, string osRelease, InitSystem init)
    {
        var parts = uname.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            throw new UnsupportedHostException($"{host}: cannot read 'uname -sm' output '{uname.Trim()}'");
        }

        var (kernel, machine) = (parts[0], parts[1]);
        if (kernel != "Linux")
        {
            throw new UnsupportedHostException($"{host}: the host runs {kernel}; prov-agent runs on Linux only");
        }

        var fields = OsRelease(osRelease);
        var id = fields.GetValueOrDefault("ID", string.Empty);
        var like = fields.GetValueOrDefault("ID_LIKE", string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var name = fields.GetValueOrDefault("PRETTY_NAME") ?? fields.GetValueOrDefault("NAME") ?? (id.Length > 0 ? id : "an unknown Linux");
        if (id != "debian" && !like.Contains("debian"))
        {
            throw new UnsupportedHostException(
                $"{host}: the host runs {name} (ID={(id.Length > 0 ? id : "missing")}); prov-agent's modules support Debian and its derivatives only (ID or ID_LIKE must name debian)");
        }

        if (!RuntimeIds.TryGetValue(machine, out var runtime))
        {
            throw new UnsupportedHostException(
                $"{host}: the host's CPU architecture is {machine}; prov-agent is built for x86_64 (linux-x64) and aarch64 (linux-arm64) only");
        }

        return new HostPlatform(id, fields.GetValueOrDefault("VERSION_ID", string.Empty), name, machine, runtime, init);
    }

    /// <summary>os-release(5): KEY=value lines, values optionally quoted with shell-style escapes.</summary>
    public static Dictionary<string, string> OsRelease(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..];
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
                if (line[equals + 1] == '"')
                {
                    value = value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\$", "$", StringComparison.Ordinal)
                        .Replace("\\`", "`", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
                }
            }

            fields[line[..equals]] = value;
        }

        return fields;
    }
}
