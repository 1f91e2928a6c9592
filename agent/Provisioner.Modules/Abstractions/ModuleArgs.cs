using System.Globalization;
using Provisioner.Core.Data;
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Abstractions;

/// <summary>
/// Rendered argument values of one task, read through the module's schema: defaults and aliases applied,
/// scalars coerced the way playbook authors expect ("yes" is true, "8080" is 8080).
/// Coercion failures throw <see cref="ArgumentException"/>; run the schema validator first to report them all.
/// </summary>
public sealed class ModuleArgs
{
    private readonly OrderedDictionary<string, object?> _values;

    public ModuleArgs(ModuleSchema schema, IReadOnlyDictionary<string, object?> values, ITaskResources resources)
    {
        Schema = schema;
        Resources = resources;
        var canonical = PlainData.NewMap();
        foreach (var (key, value) in values)
        {
            canonical[schema.Find(key)?.Name ?? key] = value;
        }

        _values = canonical;
    }

    public ModuleSchema Schema { get; }

    public ITaskResources Resources { get; }

    /// <summary>All values by canonical argument name, as given (no defaults).</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

    public bool Has(string name) => _values.TryGetValue(name, out var v) && v is not null;

    public object? Raw(string name) => _values.TryGetValue(name, out var v) && v is not null ? v : Spec(name).Default;

    public string? String(string name) => Raw(name) switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        long or double => Convert.ToString(Raw(name), CultureInfo.InvariantCulture),
        var other => throw new ArgumentException($"{name}: expected a string, got {PlainData.ToDisplayString(other)}"),
    };

    public string RequiredString(string name) =>
        String(name) ?? throw new ArgumentException($"{name}: required");

    public bool Bool(string name) => AsBool(name, Raw(name)) ?? false;

    public bool? OptionalBool(string name) => AsBool(name, Raw(name));

    public long? Int(string name) => Raw(name) switch
    {
        null => null,
        long l => l,
        double d when d == Math.Floor(d) => (long)d,
        string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
        var other => throw new ArgumentException($"{name}: expected an integer, got {PlainData.ToDisplayString(other)}"),
    };

    public double? Float(string name) => Raw(name) switch
    {
        null => null,
        long l => l,
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        var other => throw new ArgumentException($"{name}: expected a number, got {PlainData.ToDisplayString(other)}"),
    };

    /// <summary>A list of strings; a single scalar is a list of one, a comma-separated string is split.</summary>
    public IReadOnlyList<string> StringList(string name) => Raw(name) switch
    {
        null => [],
        string s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        IReadOnlyList<object?> list => list.Select(i => i switch
        {
            string s => s,
            null => throw new ArgumentException($"{name}: list items must not be null"),
            IReadOnlyList<object?> or IReadOnlyDictionary<string, object?> => throw new ArgumentException($"{name}: expected a list of strings"),
            var v => PlainData.ToDisplayString(v),
        }).ToList(),
        var v => [PlainData.ToDisplayString(v)],
    };

    public IReadOnlyList<object?> List(string name) => Raw(name) switch
    {
        null => [],
        IReadOnlyList<object?> list => list,
        var v => [v],
    };

    public IReadOnlyDictionary<string, object?>? Map(string name) => Raw(name) switch
    {
        null => null,
        IReadOnlyDictionary<string, object?> map => map,
        var other => throw new ArgumentException($"{name}: expected a mapping, got {PlainData.ToDisplayString(other)}"),
    };

    private ArgSpec Spec(string name) =>
        Schema.Find(name) ?? throw new InvalidOperationException($"module {Schema.Name} declares no argument '{name}'");

    private static bool? AsBool(string name, object? value) => value switch
    {
        null => null,
        bool b => b,
        long l => l != 0,
        string s => s.ToLowerInvariant() switch
        {
            "yes" or "true" or "on" or "1" or "y" => true,
            "no" or "false" or "off" or "0" or "n" or "" => false,
            _ => throw new ArgumentException($"{name}: expected a boolean, got '{s}'"),
        },
        var other => throw new ArgumentException($"{name}: expected a boolean, got {PlainData.ToDisplayString(other)}"),
    };
}
