// Converted, read-only Scriban copies of literal data (facts, registered results), reused across evaluations so a
// condition over a large facts map does not rebuild it every time.
using System.Runtime.CompilerServices;
using Scriban.Runtime;

namespace Provisioner.Templating.Sandbox;

internal sealed class ScriptValueCache
{
    private readonly ConditionalWeakTable<object, object> _converted = new();

    public object? Get(object? plain)
    {
        if (plain is not (IReadOnlyDictionary<string, object?> or IReadOnlyList<object?>) || plain is string)
        {
            return ScriptData.ToScript(plain);
        }

        return _converted.GetValue(plain, static value => ScriptData.ToScript(value, readOnly: true)!);
    }
}
