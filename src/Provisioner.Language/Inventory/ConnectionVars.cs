using System.Globalization;
using Provisioner.Core.Diagnostics;
using Provisioner.Language.Variables;

namespace Provisioner.Language.Inventory;

/// <summary>
/// Reads where to connect from a host's inventory levels: <c>address</c>/<c>port</c>/<c>user</c>, or their
/// Ansible spellings <c>ansible_host</c>/<c>ansible_port</c>/<c>ansible_user</c>. The spelling set at the
/// highest level wins; if one level sets both spellings, ours wins.
/// </summary>
internal static class ConnectionVars
{
    public static (string Address, int? Port, string? User) Read(string hostName, IReadOnlyList<VarSource> layers, InventoryContext context)
    {
        var address = hostName;
        if (Find(layers, "address", "ansible_host") is var (addressSource, addressName))
        {
            if (addressSource.Values[addressName] is string { Length: > 0 } text)
            {
                address = text;
            }
            else
            {
                context.Error(LocationOf(addressSource, addressName), $"{addressName} of host '{hostName}' must be a host name or IP address, not {Describe(addressSource.Values[addressName])}");
            }
        }

        int? port = null;
        if (Find(layers, "port", "ansible_port") is var (portSource, portName))
        {
            port = portSource.Values[portName] switch
            {
                long l when l is >= 1 and <= 65535 => (int)l,
                string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535 => p,
                _ => null,
            };
            if (port is null)
            {
                context.Error(LocationOf(portSource, portName), $"{portName} of host '{hostName}' must be a port number from 1 to 65535, not {Describe(portSource.Values[portName])}");
            }
        }

        string? user = null;
        if (Find(layers, "user", "ansible_user") is var (userSource, userName))
        {
            if (userSource.Values[userName] is string { Length: > 0 } text)
            {
                user = text;
            }
            else
            {
                context.Error(LocationOf(userSource, userName), $"{userName} of host '{hostName}' must be a user name, not {Describe(userSource.Values[userName])}");
            }
        }

        return (address, port, user);
    }

    private static (VarSource Source, string Name)? Find(IReadOnlyList<VarSource> layers, string ours, string alias)
    {
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            if (layers[i].Values.ContainsKey(ours))
            {
                return (layers[i], ours);
            }

            if (layers[i].Values.ContainsKey(alias))
            {
                return (layers[i], alias);
            }
        }

        return null;
    }

    private static SourceLocation? LocationOf(VarSource source, string name) =>
        source.Locations is { } locations && locations.TryGetValue(name, out var location) ? location : null;

    private static string Describe(object? value) => value switch
    {
        null => "empty",
        string s => $"'{s}'",
        bool b => b ? "true" : "false",
        long or double => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IReadOnlyDictionary<string, object?> => "a mapping",
        _ => "a list",
    };
}
