using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Playbooks;

/// <summary>
/// Reads <c>-e</c> arguments in order, later ones winning: <c>key=value</c> (the value is a string), <c>@file.yml</c>
/// (a YAML mapping) or an inline YAML/JSON mapping (<c>{"port": 8080}</c>).
/// </summary>
public static class ExtraVars
{
    public static (IReadOnlyDictionary<string, object?> Vars, IReadOnlyList<Diagnostic> Diagnostics) Read(IEnumerable<string> arguments, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var vars = PlainData.NewMap();
        var diagnostics = new List<Diagnostic>();
        foreach (var argument in arguments)
        {
            try
            {
                foreach (var (key, value) in ReadOne(argument, baseDirectory))
                {
                    vars[key] = value;
                }
            }
            catch (InvalidInputException ex)
            {
                diagnostics.AddRange(ex.Diagnostics);
            }
        }

        return (vars, diagnostics);
    }

    private static OrderedDictionary<string, object?> ReadOne(string argument, string baseDirectory)
    {
        if (argument.StartsWith('@'))
        {
            var full = Path.GetFullPath(argument[1..], baseDirectory);
            var display = Path.GetRelativePath(baseDirectory, full).Replace('\\', '/');
            if (!File.Exists(full))
            {
                throw new InvalidInputException($"-e {argument}: file '{display}' not found");
            }

            return AsMap(YamlLoader.LoadFile(full, display), $"-e {argument}");
        }

        if (argument.TrimStart().StartsWith('{'))
        {
            return AsMap(YamlLoader.LoadText(argument, "-e"), "-e");
        }

        var eq = argument.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || !ValueReader.IsIdentifier(argument[..eq]))
        {
            throw new InvalidInputException($"-e '{argument}': expected key=value, @file.yml or a {{...}} mapping");
        }

        var map = PlainData.NewMap();
        map[argument[..eq]] = argument[(eq + 1)..];
        return map;
    }

    private static OrderedDictionary<string, object?> AsMap(YNode? node, string what)
    {
        switch (node)
        {
            case null:
                return PlainData.NewMap();
            case YMapping map:
                if (map.Entries.Select(e => e.Key).FirstOrDefault(k => !ValueReader.IsIdentifier(k.Text)) is { } bad)
                {
                    throw new InvalidInputException([Diagnostic.Error(bad.Location, $"'{bad.Text}' is not a valid variable name")]);
                }

                return YamlConvert.ToPlainMap(map);
            default:
                throw new InvalidInputException([Diagnostic.Error(node.Location, $"{what}: extra vars must be a mapping of names to values, not {node.KindName}")]);
        }
    }
}
