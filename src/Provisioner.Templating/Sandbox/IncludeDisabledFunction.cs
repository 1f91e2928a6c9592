// Replaces Scriban's include/include_join: playbook templates never load other files.
using Scriban.Runtime;
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal sealed class IncludeDisabledFunction : IScriptCustomFunction
{
    private readonly string _name;

    public IncludeDisabledFunction(string name)
    {
        _name = name;
    }

    public int RequiredParameterCount => 0;

    public int ParameterCount => 0;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.Direct;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "arg" + index);

    public object? Invoke(Scriban.TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        throw new ScriptRuntimeException(
            callerContext?.Span ?? default,
            $"'{_name}' is not available: templates cannot load other files. Put shared text in a variable, or render a separate template file with its own task");

    public ValueTask<object?> InvokeAsync(Scriban.TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));
}
