// Base for the few helper functions added to Scriban's builtins; implemented directly (no reflection-based import).
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal abstract class SandboxFunction : IScriptCustomFunction
{
    private readonly ScriptParameterInfo[] _parameters;

    protected SandboxFunction(int required, params ScriptParameterInfo[] parameters)
    {
        RequiredParameterCount = required;
        _parameters = parameters;
    }

    public int RequiredParameterCount { get; }

    public int ParameterCount => _parameters.Length;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) =>
        index < _parameters.Length ? _parameters[index] : new ScriptParameterInfo(typeof(object), "arg" + index);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        var span = callerContext?.Span ?? default;
        if (arguments.Count < RequiredParameterCount || arguments.Count > ParameterCount)
        {
            throw new ScriptRuntimeException(span, $"{Name}() takes {Arity}, got {arguments.Count}");
        }

        return Call((SandboxContext)context, callerContext, arguments);
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

    protected abstract string Name { get; }

    protected abstract object? Call(SandboxContext context, ScriptNode? caller, ScriptArray arguments);

    private string Arity => RequiredParameterCount == ParameterCount
        ? $"{ParameterCount} argument(s)"
        : $"{RequiredParameterCount} to {ParameterCount} arguments";
}
