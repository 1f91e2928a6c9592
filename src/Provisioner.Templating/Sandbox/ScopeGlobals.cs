// The global variables of one evaluation: names assigned by the template itself, then the variable scope, looked up lazily.
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Provisioner.Templating.Sandbox;

internal sealed class ScopeGlobals : ScriptObject
{
    private readonly IVariableScope _scope;
    private readonly ScriptValueCache _cache;

    public ScopeGlobals(IVariableScope scope, ScriptValueCache cache)
    {
        _scope = scope;
        _cache = cache;
    }

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (base.TryGetValue(context, span, member, out value))
        {
            return true;
        }

        var literal = false;
        var found = _scope switch
        {
            VariableScope variables => variables.Resolve(member, chain: null, out value, out literal),
            ResolvingScope resolving => resolving.TryGet(member, out value, out literal),
            _ => _scope.TryGet(member, out value),
        };
        if (!found)
        {
            return false;
        }

        // Converted once per evaluation (literal data once per engine); later reads and template assignments
        // use this entry.
        value = literal ? _cache.Get(value) : ScriptData.ToScript(value);
        SetValue(member, value, readOnly: false);
        return true;
    }

    public override bool Contains(string member) => base.Contains(member) || _scope.TryGet(member, out _);
}
