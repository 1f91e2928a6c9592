using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Schema;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Playbooks;

/// <summary>Module arguments in any of the three forms (mapping, key=value, free-form text), merged with <c>args:</c>.</summary>
internal sealed class ModuleArgsReader(LoadContext context)
{
    public (IReadOnlyDictionary<string, object?> Args, IReadOnlyDictionary<string, SourceLocation> Locations) Read(
        ModuleSchema schema, YScalar moduleKey, YNode value, YNode? argsNode)
    {
        var args = PlainData.NewMap();
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        switch (value)
        {
            case YScalar { IsNull: true }:
                break;
            case YMapping map:
                AddMapping(map, args, locations, "");
                break;
            case YScalar { Value: string } s when schema.FreeForm is { } freeForm:
                context.AddTemplate(s, isExpression: false);
                var (text, options) = ShortFormArgs.ParseFreeForm(s, schema);
                if (text.Length > 0)
                {
                    args[freeForm] = text;
                    locations[freeForm] = LoadContext.TextStart(s);
                }

                AddShortForm(options, args, locations);
                break;
            case YScalar { Value: string } s:
                context.AddTemplate(s, isExpression: false);
                AddShortForm(ShortFormArgs.ParseKeyValues(s, moduleKey.Text, context.Diagnostics.Error), args, locations);
                break;
            default:
                var forms = schema.FreeForm is null ? "a mapping or key=value text" : "a mapping or the command text";
                context.Diagnostics.Error(value.Location, $"arguments of module '{moduleKey.Text}' must be {forms}, not {ValueReader.Describe(value)}");
                break;
        }

        if (argsNode is YMapping extra)
        {
            AddMapping(extra, args, locations, " under args:");
        }
        else if (argsNode is not null and not YScalar { IsNull: true })
        {
            context.Diagnostics.Error(argsNode.Location, $"'args' must be a mapping of module arguments, not {ValueReader.Describe(argsNode)}");
        }

        return (args, locations);
    }

    private void AddMapping(YMapping map, OrderedDictionary<string, object?> args, Dictionary<string, SourceLocation> locations, string where)
    {
        foreach (var (key, item) in map.Entries)
        {
            if (args.ContainsKey(key.Text))
            {
                context.Diagnostics.Error(key.Location, $"argument '{key.Text}' given twice (again{where})");
                continue;
            }

            context.AddTemplates(item);
            args[key.Text] = YamlConvert.ToPlain(item);
            locations[key.Text] = key.Location;
        }
    }

    private void AddShortForm(List<ShortFormArgs.Arg> parsed, OrderedDictionary<string, object?> args, Dictionary<string, SourceLocation> locations)
    {
        foreach (var arg in parsed)
        {
            if (args.ContainsKey(arg.Name))
            {
                context.Diagnostics.Error(arg.Location, $"argument '{arg.Name}' given twice");
                continue;
            }

            args[arg.Name] = arg.Value;
            locations[arg.Name] = arg.Location;
        }
    }
}
