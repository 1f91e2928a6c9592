using Provisioner.Core.Runs;
using Provisioner.Language.Yaml;

namespace Provisioner.Modules.Tests;

/// <summary>
/// One Compare case: <c>args</c> + <c>actual</c> (module-specific state) → expected <c>diff</c>, a list of
/// <c>[property, before, after]</c>. Loaded from <c>cases/&lt;module&gt;/*.yaml</c>.
/// </summary>
public sealed record CaseFile(string Name, IReadOnlyDictionary<string, object?> Data)
{
    public IReadOnlyDictionary<string, object?> Args => Map("args");

    public object? Actual => Data.GetValueOrDefault("actual");

    public IReadOnlyList<DiffEntry> ExpectedDiff =>
        (Data.GetValueOrDefault("diff") as IReadOnlyList<object?> ?? []).Select(e =>
        {
            var parts = (IReadOnlyList<object?>)e!;
            return new DiffEntry((string)parts[0]!, Text(parts[1]), Text(parts[2]));
        }).ToList();

    public IReadOnlyDictionary<string, object?> Map(string key) =>
        Data.GetValueOrDefault(key) as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();

    public override string ToString() => Name;

    /// <summary>Diff entries as comparable, readable lines: "property: before → after".</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<DiffEntry> diff) =>
        diff.Select(d => $"{d.Property}: {d.Before} → {d.After}").ToList();

    public static IEnumerable<TestCaseData> For(string module)
    {
        var directory = Path.Combine(TestContext.CurrentContext.TestDirectory, "cases", module);
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var data = (IReadOnlyDictionary<string, object?>)YamlConvert.ToPlain(YamlLoader.LoadFile(file, Path.GetFileName(file)))!;
            var name = Path.GetFileNameWithoutExtension(file);
            yield return new TestCaseData(new CaseFile(name, data)).SetName($"{module}/{name}");
        }
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        _ => Provisioner.Core.Data.PlainData.ToDisplayString(value),
    };
}
