// default(value, fallback), usually piped: `nginx.port | default 80`. The fallback replaces an undefined or null value.
using Scriban.Runtime;
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal sealed class DefaultFunction : SandboxFunction
{
    public DefaultFunction()
        : base(2, new ScriptParameterInfo(typeof(ScriptExpression), "value"), new ScriptParameterInfo(typeof(object), "fallback"))
    {
    }

    protected override string Name => "default";

    protected override object? Call(SandboxContext context, ScriptNode? caller, ScriptArray arguments)
    {
        var value = arguments[0] switch
        {
            ScriptExpression expression when SandboxContext.IsPath(expression) => context.EvaluateLeniently(expression, aliasReturnedFunction: false, out _),
            ScriptExpression expression => context.Evaluate(expression),
            var other => other,
        };
        return value ?? arguments[1];
    }
}
