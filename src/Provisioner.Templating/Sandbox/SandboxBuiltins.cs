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

        // Shared by every evaluation (a copy each time costs ~100 µs), so nothing in it may change: date.format
        // and friends become read-only.
        foreach (var name in Names)
        {
            if (_prototype[name] is ScriptObject builtin)
            {
                builtin.IsReadOnly = true;
            }
        }

        _prototype.IsReadOnly = true;
    }

    public IReadOnlySet<string> Names { get; }

    public ScriptObject Instance => _prototype;
}
