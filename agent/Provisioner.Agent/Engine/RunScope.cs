// The variables one task sees: layers by precedence, some rendered lazily as templates, some used exactly as stored.
using Provisioner.Templating;

namespace Provisioner.Agent.Engine;

/// <summary>
/// Layers, lowest precedence first: facts and magic variables (as stored) &lt; play vars (templated) &lt; block and task
/// vars (templated) &lt; registered results and set_fact (as stored) &lt; extra vars (templated) &lt; loop variables and
/// rescue variables (as stored). Templated values are rendered on lookup against the whole scope, so a play var may use
/// a fact or a registered result. Values stored "as is" (command output, facts, loop items) are never rendered: text a
/// program printed must not become a template.
/// </summary>
internal sealed class RunScope : IVariableScope
{
    private readonly TemplateEngine _templates;
    private readonly IReadOnlyList<ScopeLayer> _layers;

    public RunScope(TemplateEngine templates, IReadOnlyList<ScopeLayer> layers)
    {
        _templates = templates;
        _layers = layers;
    }

    public IEnumerable<string> Names => _layers.SelectMany(l => l.Values.Keys).Distinct(StringComparer.Ordinal);

    /// <summary>A scope with one more layer on top, stored as is.</summary>
    public RunScope With(IReadOnlyDictionary<string, object?> values) =>
        new(_templates, [.. _layers, new ScopeLayer(values, Templated: false)]);

    public bool TryGet(string name, out object? value) => Resolve(name, [], out value);

    private bool Resolve(string name, List<string> chain, out object? value)
    {
        for (var i = _layers.Count - 1; i >= 0; i--)
        {
            if (!_layers[i].Values.TryGetValue(name, out var raw))
            {
                continue;
            }

            if (!_layers[i].Templated || !ContainsTemplate(raw, 0))
            {
                value = raw;
                return true;
            }

            var start = chain.IndexOf(name);
            if (start >= 0)
            {
                throw new TemplateException(
                    $"variable '{name}' refers to itself ({string.Join(" -> ", chain.Skip(start).Append(name))}). "
                    + "Give one of these variables a value that does not depend on the others",
                    origin: $"variable '{name}'", line: 0, column: 0);
            }

            chain.Add(name);
            try
            {
                value = _templates.RenderValue(raw, new Resolving(this, chain), $"variable '{name}'");
                return true;
            }
            finally
            {
                chain.RemoveAt(chain.Count - 1);
            }
        }

        value = null;
        return false;
    }

    private static bool ContainsTemplate(object? value, int depth) => depth <= 100 && value switch
    {
        string text => TemplateEngine.IsTemplate(text),
        IReadOnlyDictionary<string, object?> map => map.Values.Any(v => ContainsTemplate(v, depth + 1)),
        IReadOnlyList<object?> list => list.Any(v => ContainsTemplate(v, depth + 1)),
        _ => false,
    };

    /// <summary>The scope seen while one templated variable renders: it carries the chain of names, to stop cycles.</summary>
    private sealed class Resolving(RunScope root, List<string> chain) : IVariableScope
    {
        public IEnumerable<string> Names => root.Names;

        public bool TryGet(string name, out object? value) => root.Resolve(name, chain, out value);
    }
}
