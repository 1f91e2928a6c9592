// default(value, fallback, falsy = false), usually piped: `nginx.port | default 80`. The fallback replaces an
// undefined or null value, and with falsy = true also any value a condition would treat as false ("", 0, [], …).
using Provisioner.Core.Data;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal sealed class DefaultFunction : SandboxFunction
{
    public DefaultFunction()
        : base(
            2,
            new ScriptParameterInfo(typeof(ScriptExpression), "value"),
            new ScriptParameterInfo(typeof(object), "fallback"),
            new ScriptParameterInfo(typeof(object), "falsy", false))
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

        var alsoFalsy = arguments.Count > 2 && context.ToBool(caller?.Span ?? default, arguments[2]);
        var useFallback = value is null || (alsoFalsy && !PlainData.IsTruthy(ScriptData.ToPlain(value)));
        return useFallback ? arguments[1] : value;
    }
}
