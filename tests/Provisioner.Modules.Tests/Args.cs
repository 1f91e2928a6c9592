using Provisioner.Core.Data;

namespace Provisioner.Modules.Tests;

/// <summary>Builds an argument map: <c>Args.Of(("path", "/x"), ("mode", "0644"))</c>.</summary>
internal static class Args
{
    public static IReadOnlyDictionary<string, object?> Of(params (string Key, object? Value)[] pairs)
    {
        var map = PlainData.NewMap();
        foreach (var (key, value) in pairs)
        {
            map[key] = value;
        }

        return map;
    }
}
