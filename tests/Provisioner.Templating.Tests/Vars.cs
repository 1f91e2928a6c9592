using Provisioner.Core.Data;
using Provisioner.Templating;

namespace Provisioner.Templating.Tests;

/// <summary>Builds scopes and plain data tersely for tests.</summary>
internal static class Vars
{
    public static VariableScope Scope(TemplateEngine engine, params (string Name, object? Value)[] vars)
    {
        var scope = new VariableScope(engine: engine);
        foreach (var (name, value) in vars)
        {
            scope.Set(name, value);
        }

        return scope;
    }

    public static OrderedDictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = PlainData.NewMap();
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return map;
    }

    public static List<object?> List(params object?[] items) => [.. items];
}
