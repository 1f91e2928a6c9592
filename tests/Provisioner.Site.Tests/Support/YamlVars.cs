using System.Text.Json;

namespace Provisioner.Site.Tests.Support;

/// <summary>Writes variables as YAML with each value in JSON notation (JSON is YAML), so that strings stay strings.</summary>
internal static class YamlVars
{
    public static void Write(string path, IReadOnlyDictionary<string, object?> vars)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, vars.Select(v => $"{v.Key}: {JsonSerializer.Serialize(v.Value)}"));
    }
}
