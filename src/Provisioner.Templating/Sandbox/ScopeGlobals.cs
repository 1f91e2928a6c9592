// The global variables of one evaluation: names assigned by the template itself, then the variable scope, looked up lazily.
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Provisioner.Templating.Sandbox;

internal sealed class ScopeGlobals : ScriptObject
{
    private readonly IVariableScope _scope;

    public ScopeGlobals(IVariableScope scope)
    {
        _scope = scope;
    }

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (base.TryGetValue(context, span, member, out value))
        {
            return true;
        }

        if (!_scope.TryGet(member, out var plain))
        {
            value = null;
            return false;
        }

        // Converted once per evaluation; later reads (and template assignments) use the local copy.
        value = ScriptData.ToScript(plain);
        SetValue(member, value, readOnly: false);
        return true;
    }

    public override bool Contains(string member) => base.Contains(member) || _scope.TryGet(member, out _);
}
