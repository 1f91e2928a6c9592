using Provisioner.Templating.Sandbox;

namespace Provisioner.Templating;

/// <summary>
/// A layer of variables; lookups fall through to the parent. Values are plain data. String values containing
/// templates are rendered when looked up, against the scope the lookup started from, so play vars may refer to facts
/// or other vars; a variable that refers back to itself is an error naming the chain (a -> b -> a).
/// Not safe for concurrent <see cref="Set"/> and lookups.
/// </summary>
public sealed class VariableScope : IVariableScope
{
    private const int MaxDataDepth = 100;

    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly IVariableScope? _parent;
    private TemplateEngine? _engine;

    public VariableScope(IVariableScope? parent = null, TemplateEngine? engine = null)
    {
        _parent = parent;
        _engine = engine;
    }

    public IVariableScope? Parent => _parent;

    /// <summary>The engine that renders templated values: the one given, else the parent's, else a default one.</summary>
    public TemplateEngine Engine => _engine ??= (_parent as VariableScope)?.Engine ?? new TemplateEngine();

    public IEnumerable<string> Names =>
        _parent is null ? _values.Keys : _values.Keys.Concat(_parent.Names).Distinct(StringComparer.Ordinal);

    /// <summary>Sets a variable in this layer, shadowing any parent value of the same name.</summary>
    public void Set(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _values[name] = value;
    }

    /// <summary>Removes a variable from this layer only; returns false when this layer did not have it.</summary>
    public bool Remove(string name) => _values.Remove(name);

    /// <summary>True when this layer itself (not a parent) holds the name.</summary>
    public bool ContainsLocal(string name) => _values.ContainsKey(name);

    public bool TryGet(string name, out object? value) => Resolve(name, chain: null, out value);

    /// <summary>The rendered value of a variable; <paramref name="chain"/> carries the names being resolved, for the cycle guard.</summary>
    internal bool Resolve(string name, ResolvingScope? chain, out object? value)
    {
        if (!TryGetRaw(name, out var raw, out var rendered))
        {
            value = null;
            return false;
        }

        if (rendered || !ContainsTemplate(raw))
        {
            value = raw;
            return true;
        }

        var resolving = chain ?? new ResolvingScope(this);
        resolving.Enter(name);
        try
        {
            value = Engine.RenderValue(raw, resolving, $"variable '{name}'");
            return true;
        }
        finally
        {
            resolving.Exit();
        }
    }

    private bool TryGetRaw(string name, out object? raw, out bool rendered)
    {
        rendered = false;
        for (var scope = this; scope is not null; scope = scope._parent as VariableScope)
        {
            if (scope._values.TryGetValue(name, out raw))
            {
                return true;
            }

            if (scope._parent is not null and not VariableScope)
            {
                // A foreign scope renders its own values.
                rendered = true;
                return scope._parent.TryGet(name, out raw);
            }
        }

        raw = null;
        return false;
    }

    // Past the depth guard the value is handed on, and rendering reports the nesting as an error.
    private static bool ContainsTemplate(object? value, int depth = 0) => depth > MaxDataDepth || value switch
    {
        string text => TemplateEngine.IsTemplate(text),
        IReadOnlyDictionary<string, object?> map => map.Values.Any(v => ContainsTemplate(v, depth + 1)),
        IReadOnlyList<object?> list => list.Any(v => ContainsTemplate(v, depth + 1)),
        _ => false,
    };
}
