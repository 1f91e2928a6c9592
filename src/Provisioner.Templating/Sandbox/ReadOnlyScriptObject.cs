// A map from literal data (facts, registered results) as templates see it: readable, never changed in place.
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal sealed class ReadOnlyScriptObject : ScriptObject
{
    public ReadOnlyScriptObject(int capacity)
        : base(capacity)
    {
    }

    public override bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly) =>
        throw new ScriptRuntimeException(
            span,
            $"cannot set '{member}': this map is read-only (facts and registered results cannot be changed); copy what you need into a new variable");
}
