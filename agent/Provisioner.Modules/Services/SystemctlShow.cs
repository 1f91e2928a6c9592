// Parses `systemctl show -p ... UNIT`: one KEY=VALUE line per property.
namespace Provisioner.Modules.Services;

internal static class SystemctlShow
{
    public static readonly string[] Properties = ["Id", "LoadState", "ActiveState", "SubState", "UnitFileState", "NeedDaemonReload", "DropInPaths"];

    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                properties[line[..equals]] = line[(equals + 1)..].TrimEnd('\r');
            }
        }

        return properties;
    }

    /// <summary>The state of <paramref name="name"/> from its properties; missing properties mean systemd did not report them.</summary>
    public static ServiceState ToState(string name, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return new ServiceState(
            ServiceManager.Systemd,
            properties.GetValueOrDefault("Id") is { Length: > 0 } id ? id : name,
            properties.GetValueOrDefault("LoadState") ?? "not-found",
            properties.GetValueOrDefault("ActiveState") ?? "inactive",
            properties.GetValueOrDefault("UnitFileState") ?? string.Empty,
            properties.GetValueOrDefault("NeedDaemonReload") == "yes");
    }
}
