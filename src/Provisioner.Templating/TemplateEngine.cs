using System.Runtime.CompilerServices;
using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Templating.Sandbox;

namespace Provisioner.Templating;

/// <summary>
/// Evaluates Scriban expressions and templates against plain-data variables in a sandbox: no .NET objects, no file
/// loading, and loop, recursion, output and time limits. Parsed texts are cached; instances are thread-safe.
/// </summary>
public sealed class TemplateEngine
{
    private const int MaxDataDepth = 100;

    private readonly TemplateCache _cache = new();
    private readonly SandboxBuiltins _builtins = new();
    private readonly ScriptValueCache _literals = new();
    private readonly ErrorMapper _errors;

    public TemplateEngine(TemplateLimits? limits = null)
    {
        Limits = limits ?? TemplateLimits.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(Limits.LoopLimit, 1, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThan(Limits.RecursionLimit, 1, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThan(Limits.MaxOutputChars, 1, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Limits.Timeout, TimeSpan.Zero, nameof(limits));
        _errors = new ErrorMapper(Limits);
    }

    public TemplateLimits Limits { get; }

    internal int CachedTextCount => _cache.Count;

    /// <summary>True when the text contains <c>{{</c>, i.e. must be rendered rather than used as is.</summary>
    public static bool IsTemplate(string text) => text.Contains("{{", StringComparison.Ordinal);

    /// <summary>
    /// Renders every string inside <paramref name="value"/> (deeply through lists and maps). A string that is exactly
    /// one <c>{{ expr }}</c> yields the expression's plain value (list, map, number, bool, null); other strings render
    /// to text. Values without templates are returned as the same instance.
    /// </summary>
    public object? RenderValue(object? value, IVariableScope scope, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return ContainsTemplate(value, depth: 0) ? Render(value, scope, source, depth: 0) : value;
    }

    /// <summary>Renders a template file's contents; <paramref name="source"/> is its path, and errors point into it.</summary>
    public string RenderText(string template, IVariableScope scope, string source)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(scope);
        var where = new Where(source, OriginIsFile: true, IsExpression: false);
        var parsed = _cache.Get(template, isExpression: false);
        return Run(parsed, scope, where, context => parsed.Template!.Render(context));
    }

    /// <summary>Evaluates a bare expression such as <c>x > 1 &amp;&amp; y</c> (a lone <c>{{ expr }}</c> is accepted too) to plain data.</summary>
    public object? Evaluate(string expression, IVariableScope scope, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(scope);
        var where = new Where(source, OriginIsFile: false, IsExpression: true);
        var parsed = ParseExpression(expression, where);
        return Run(parsed, scope, where, context => ScriptData.ToPlain(context.Evaluate(parsed.SingleExpression!)));
    }

    /// <summary>Evaluates an expression and applies <see cref="PlainData.IsTruthy"/> to the result.</summary>
    public bool EvaluateCondition(string expression, IVariableScope scope, string? source = null) =>
        PlainData.IsTruthy(Evaluate(expression, scope, source));

    /// <summary>
    /// Parses without evaluating and returns every syntax error. When <paramref name="at"/> (where the text starts in
    /// its file) is given, positions are mapped into that file.
    /// </summary>
    public IReadOnlyList<Diagnostic> CheckSyntax(string text, bool isExpression, SourceLocation? at)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = isExpression ? ParseExpressionOrSingleTemplate(text) : _cache.Get(text, isExpression: false);
        return parsed.Problems
            .Select(p => Diagnostic.Error(Locate(p, isExpression, at), (isExpression ? "expression" : "template") + " syntax error: " + p.Message))
            .ToList();
    }

    /// <summary>
    /// The top-level variable names the text reads, excluding names it assigns itself, loop variables, function
    /// parameters, builtins, and paths the author guarded (left of <c>??</c>, argument of <c>defined</c>/<c>default</c>).
    /// Empty when the text does not parse.
    /// </summary>
    public IReadOnlySet<string> FreeVariables(string text, bool isExpression)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = isExpression ? ParseExpressionOrSingleTemplate(text) : _cache.Get(text, isExpression: false);
        return parsed.HasErrors ? new HashSet<string>() : parsed.FreeVariables(_builtins.Names);
    }

    private ParsedText ParseExpressionOrSingleTemplate(string text)
    {
        if (!IsTemplate(text))
        {
            return _cache.Get(text, isExpression: true);
        }

        var parsed = _cache.Get(text, isExpression: false);
        return parsed.HasErrors || parsed.SingleExpression is not null
            ? parsed
            : new ParsedText(parsed.Template, [new ParseProblem(1, 1, "expected a bare expression such as `x > 1`, not text with {{ }} blocks")], null);
    }

    private ParsedText ParseExpression(string expression, Where where)
    {
        var parsed = ParseExpressionOrSingleTemplate(expression);
        return parsed.HasErrors ? throw ErrorMapper.Syntax(parsed.Problems, where) : parsed;
    }

    private object? Render(object? value, IVariableScope scope, string? source, int depth)
    {
        if (depth > MaxDataDepth)
        {
            throw new TemplateException($"{source ?? "value"}: data nested deeper than {MaxDataDepth} levels (is a map or list contained in itself?)");
        }

        switch (value)
        {
            case string text when IsTemplate(text):
                return RenderString(text, scope, source);
            case IReadOnlyDictionary<string, object?> map:
                var renderedMap = PlainData.NewMap();
                foreach (var (key, item) in map)
                {
                    renderedMap[key] = Render(item, scope, source, depth + 1);
                }

                return renderedMap;
            case IReadOnlyList<object?> list when value is not string:
                return list.Select(item => Render(item, scope, source, depth + 1)).ToList();
            default:
                return value;
        }
    }

    private object? RenderString(string text, IVariableScope scope, string? source)
    {
        var where = new Where(source, OriginIsFile: false, IsExpression: false);
        var parsed = _cache.Get(text, isExpression: false);
        if (parsed.SingleExpression is { } expression)
        {
            return Run(parsed, scope, where, context => ScriptData.ToPlain(context.Evaluate(expression)));
        }

        return Run(parsed, scope, where, context => parsed.Template!.Render(context));
    }

    private T Run<T>(ParsedText parsed, IVariableScope scope, Where where, Func<SandboxContext, T> body)
    {
        if (parsed.HasErrors)
        {
            throw ErrorMapper.Syntax(parsed.Problems, where);
        }

        where = where with { ResolvingVariable = scope is ResolvingScope };
        using var timeout = new CancellationTokenSource(Limits.Timeout);
        try
        {
            // Nested evaluations (templated variables) recurse through here; fail cleanly long before the stack ends.
            RuntimeHelpers.EnsureSufficientExecutionStack();
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw _errors.Map(ex, where);
        }

        var context = new SandboxContext(_builtins.Instance, Limits, timeout.Token);
        context.PushGlobal(new ScopeGlobals(scope, _literals));
        try
        {
            return body(context);
        }
        catch (Exception ex)
        {
            // Everything, including a failed huge allocation: hostile input must end in a TemplateException.
            throw _errors.Map(ex, where);
        }
    }

    // Past the depth guard, assume a template so that Render reports the nesting instead of silently skipping it.
    private static bool ContainsTemplate(object? value, int depth) => depth > MaxDataDepth || value switch
    {
        string text => IsTemplate(text),
        IReadOnlyDictionary<string, object?> map => map.Values.Any(v => ContainsTemplate(v, depth + 1)),
        IReadOnlyList<object?> list => list.Any(v => ContainsTemplate(v, depth + 1)),
        _ => false,
    };

    private static SourceLocation Locate(ParseProblem problem, bool isExpression, SourceLocation? at)
    {
        if (at is null)
        {
            return new SourceLocation(isExpression ? "<expression>" : "<template>", problem.Line, problem.Column);
        }

        return problem.Line == 1
            ? at with { Column = at.Column + problem.Column - 1 }
            : at with { Line = at.Line + problem.Line - 1, Column = problem.Column };
    }
}
