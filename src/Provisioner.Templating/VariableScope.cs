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
    private readonly HashSet<string> _literals = new(StringComparer.Ordinal);
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

    /// <summary>
    /// Sets a variable in this layer, shadowing any parent value of the same name. Strings in it that contain
    /// <c>{{</c> are templates, rendered when the variable is read.
    /// </summary>
    public void Set(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _values[name] = value;
        _literals.Remove(name);
    }

    /// <summary>
    /// Sets a variable whose value is data, used exactly as given and never rendered: facts, registered results,
    /// anything read from a host, where <c>{{</c> is just text and must not be evaluated. Templates see it read-only,
    /// and its converted form is reused across evaluations: do not modify the value afterwards, set a new one.
    /// </summary>
    public void SetLiteral(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _values[name] = value;
        _literals.Add(name);
    }

    /// <summary>Removes a variable from this layer only; returns false when this layer did not have it.</summary>
    public bool Remove(string name)
    {
        _literals.Remove(name);
        return _values.Remove(name);
    }

    /// <summary>True when this layer itself (not a parent) holds the name.</summary>
    public bool ContainsLocal(string name) => _values.ContainsKey(name);

    public bool TryGet(string name, out object? value) => Resolve(name, chain: null, out value);

    /// <summary>The rendered value of a variable; <paramref name="chain"/> carries the names being resolved, for the cycle guard.</summary>
    internal bool Resolve(string name, ResolvingScope? chain, out object? value) => Resolve(name, chain, out value, out _);

    /// <summary>As above; <paramref name="literal"/> tells that the value was set with <see cref="SetLiteral"/>.</summary>
    internal bool Resolve(string name, ResolvingScope? chain, out object? value, out bool literal)
    {
        if (!TryGetRaw(name, out var raw, out var kind))
        {
            value = null;
            literal = false;
            return false;
        }

        literal = kind == RawKind.Literal;
        if (kind != RawKind.Template || !ContainsTemplate(raw))
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

    private bool TryGetRaw(string name, out object? raw, out RawKind kind)
    {
        for (var scope = this; scope is not null; scope = scope._parent as VariableScope)
        {
            if (scope._values.TryGetValue(name, out raw))
            {
                kind = scope._literals.Contains(name) ? RawKind.Literal : RawKind.Template;
                return true;
            }

            if (scope._parent is not null and not VariableScope)
            {
                // A foreign scope renders its own values.
                kind = RawKind.Rendered;
                return scope._parent.TryGet(name, out raw);
            }
        }

        raw = null;
        kind = RawKind.Template;
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

    private enum RawKind
    {
        Template,
        Literal,
        Rendered,
    }
}
