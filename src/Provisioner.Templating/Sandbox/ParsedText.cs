// A parsed expression or template as kept in the cache: the Scriban AST, its syntax problems, and what it reads.
using Scriban;
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal sealed class ParsedText
{
    private IReadOnlySet<string>? _freeVariables;

    public ParsedText(Template? template, IReadOnlyList<ParseProblem> problems, ScriptExpression? singleExpression)
    {
        Template = template;
        Problems = problems;
        SingleExpression = singleExpression;
    }

    /// <summary>Null only when the parser itself failed.</summary>
    public Template? Template { get; }

    public IReadOnlyList<ParseProblem> Problems { get; }

    /// <summary>For an expression: the expression. For a template: set when the text is exactly one <c>{{ expr }}</c>.</summary>
    public ScriptExpression? SingleExpression { get; }

    public bool HasErrors => Problems.Count > 0;

    public IReadOnlySet<string> FreeVariables(IReadOnlySet<string> builtinNames) =>
        _freeVariables ??= Template?.Page is { } page ? FreeVariableCollector.Collect(page, builtinNames) : new HashSet<string>();
}
