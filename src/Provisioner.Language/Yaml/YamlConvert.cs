using Provisioner.Core.Data;

namespace Provisioner.Language.Yaml;

/// <summary>Turns positioned nodes into plain data (see <see cref="PlainData"/>).</summary>
public static class YamlConvert
{
    public static object? ToPlain(YNode? node) => node switch
    {
        null => null,
        YScalar s => s.Value,
        YSequence seq => seq.Items.Select(ToPlain).ToList(),
        YMapping map => ToPlainMap(map),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    public static OrderedDictionary<string, object?> ToPlainMap(YMapping map)
    {
        var result = PlainData.NewMap();
        foreach (var (key, value) in map.Entries)
        {
            result[key.Text] = ToPlain(value);
        }

        return result;
    }
}
