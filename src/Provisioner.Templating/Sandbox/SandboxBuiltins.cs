// Scriban's standard builtins minus file loading, plus the few helpers documented in docs/templates.md.
using Scriban.Functions;
using Scriban.Runtime;

namespace Provisioner.Templating.Sandbox;

internal sealed class SandboxBuiltins
{
    private readonly ScriptObject _prototype;

    public SandboxBuiltins()
    {
        _prototype = new BuiltinFunctions();
        foreach (var name in new[] { "include", "include_join" })
        {
            _prototype.Remove(name);
            _prototype.SetValue(name, new IncludeDisabledFunction(name), readOnly: true);
        }

        _prototype.SetValue("defined", new DefinedFunction(TemplateParser.ParsePath), readOnly: true);
        _prototype.SetValue("default", new DefaultFunction(), readOnly: true);
        _prototype.SetValue("to_json", SerializeFunction.Json, readOnly: true);
        _prototype.SetValue("to_yaml", SerializeFunction.Yaml, readOnly: true);
        Names = new HashSet<string>(_prototype.Keys, StringComparer.Ordinal);
    }

    public IReadOnlySet<string> Names { get; }

    /// <summary>A private copy per evaluation: some builtins hold settable state (date.format).</summary>
    public ScriptObject NewInstance() => (ScriptObject)_prototype.Clone(deep: true);
}
