// defined("nginx.port") / defined(nginx.port): true when the variable (and every key along the path) exists.
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal sealed class DefinedFunction : SandboxFunction
{
    private readonly Func<string, ScriptExpression?> _parsePath;

    public DefinedFunction(Func<string, ScriptExpression?> parsePath)
        : base(1, new ScriptParameterInfo(typeof(ScriptExpression), "name"))
    {
        _parsePath = parsePath;
    }

    protected override string Name => "defined";

    protected override object? Call(SandboxContext context, ScriptNode? caller, ScriptArray arguments)
    {
        var span = caller?.Span ?? default;
        var path = arguments[0] switch
        {
            ScriptLiteral { Value: string text } => _parsePath(text) ?? throw Usage(span, $"\"{text}\" is not a variable name or path"),
            ScriptExpression expression when SandboxContext.IsPath(expression) => expression,
            _ => throw Usage(span, "the argument is neither a string nor a variable path"),
        };

        context.EvaluateLeniently(path, aliasReturnedFunction: true, out var missing);
        return !missing;
    }

    private static ScriptRuntimeException Usage(SourceSpan span, string problem) =>
        new(span, $"defined() expects a variable name or path such as \"nginx.port\": {problem}");
}
