// Scriban's list accessor writes through IList and so ignores ScriptArray.IsReadOnly; this one refuses the write.
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Runtime.Accessors;
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal sealed class ReadOnlyAwareListAccessor : IListAccessor
{
    public static ReadOnlyAwareListAccessor Default { get; } = new();

    public int GetLength(TemplateContext context, SourceSpan span, object target) => ListAccessor.Default.GetLength(context, span, target);

    public object? GetValue(TemplateContext context, SourceSpan span, object target, int index) =>
        ListAccessor.Default.GetValue(context, span, target, index);

    public void SetValue(TemplateContext context, SourceSpan span, object target, int index, object? value)
    {
        if (target is IScriptObject { IsReadOnly: true })
        {
            throw new ScriptRuntimeException(span, "this list is read-only (facts and registered results cannot be changed); build a new list instead, e.g. with array.add");
        }

        ListAccessor.Default.SetValue(context, span, target, index, value);
    }
}
