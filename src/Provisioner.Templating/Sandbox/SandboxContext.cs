// One evaluation's Scriban context: limits, strict undefined handling, and the lenient mode behind `??`, default() and defined().
using System.Collections;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Runtime.Accessors;
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal sealed class SandboxContext : TemplateContext
{
    private int _lenient;
    private bool _missingSeen;

    public SandboxContext(ScriptObject builtins, TemplateLimits limits, CancellationToken cancellationToken)
        : base(builtins, StringComparer.Ordinal)
    {
        StrictVariables = true;
        EnableRelaxedTargetAccess = false;
        EnableRelaxedMemberAccess = true;
        EnableRelaxedFunctionAccess = false;
        LoopLimit = limits.LoopLimit;
        RecursiveLimit = limits.RecursionLimit;
        OutputLimit = limits.MaxOutputChars;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        LimitToString = limits.MaxOutputChars;
        OnStringLimit = ScriptLimitBehavior.Throw;
        RegexTimeOut = limits.Timeout;
        NewLine = "\n";
        CancellationToken = cancellationToken;
        TryGetVariable = OnUndefinedVariable;
        TryGetMember = OnMissingMember;
    }

    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
    {
        if (scriptNode is not null && IsCoalescedPath(scriptNode))
        {
            return EvaluateLeniently(scriptNode, aliasReturnedFunction, out _);
        }

        return base.Evaluate(scriptNode, aliasReturnedFunction);
    }

    /// <summary>
    /// Members are read only from Scriban objects, arrays, strings and numbers. Anything else Scriban would inspect by
    /// reflection (a DateTime from date.now, say) shows no members at all.
    /// </summary>
    protected override IObjectAccessor? GetMemberAccessorImpl(object target) =>
        target is IScriptObject or string or IDictionary or IList || target.GetType().IsPrimitive || target is decimal
            ? base.GetMemberAccessorImpl(target)
            : NullAccessor.Default;

    protected override IListAccessor? GetListAccessorImpl(object target, Type type) =>
        target is ScriptArray ? ReadOnlyAwareListAccessor.Default : base.GetListAccessorImpl(target, type);

    /// <summary>Scriban checks the clock only between statements; an empty loop body must not escape the time limit.</summary>
    protected override bool OnStepLoop(ScriptLoopStatementBase loop)
    {
        CheckAbort();
        return base.OnStepLoop(loop);
    }

    /// <summary>Evaluates a path where an undefined variable or missing key yields null instead of an error.</summary>
    public object? EvaluateLeniently(ScriptNode node, bool aliasReturnedFunction, out bool missing)
    {
        var savedMissing = _missingSeen;
        var savedRelaxed = EnableRelaxedTargetAccess;
        _missingSeen = false;
        _lenient++;
        EnableRelaxedTargetAccess = true;
        try
        {
            var value = base.Evaluate(node, aliasReturnedFunction);
            missing = _missingSeen;
            return value;
        }
        finally
        {
            _lenient--;
            EnableRelaxedTargetAccess = savedRelaxed;
            _missingSeen = savedMissing;
        }
    }

    /// <summary>A variable, member or indexer chain such as <c>a</c>, <c>a.b</c>, <c>a["b"][0]</c>.</summary>
    public static bool IsPath(ScriptNode? node) => node switch
    {
        ScriptVariable => true,
        ScriptNestedExpression nested => IsPath(nested.Expression),
        ScriptMemberExpression member => IsPath(member.Target),
        ScriptIndexerExpression indexer => IsPath(indexer.Target),
        _ => false,
    };

    private static bool IsCoalescedPath(ScriptNode node) =>
        node.Parent is ScriptBinaryExpression { Operator: ScriptBinaryOperator.EmptyCoalescing or ScriptBinaryOperator.NotEmptyCoalescing } binary
        && ReferenceEquals(binary.Left, node)
        && IsPath(node);

    private bool OnUndefinedVariable(TemplateContext context, SourceSpan span, ScriptVariable variable, out object? value)
    {
        value = null;
        if (_lenient > 0)
        {
            _missingSeen = true;
            return true;
        }

        throw new UndefinedPathException(span, variable.Name, isMember: false);
    }

    private bool OnMissingMember(TemplateContext context, SourceSpan span, object target, string member, out object? value)
    {
        value = null;
        if (_lenient > 0)
        {
            _missingSeen = true;
            return true;
        }

        throw new UndefinedPathException(span, DescribePath(span, member), isMember: true);
    }

    /// <summary>Finds the member or indexer expression whose member starts at <paramref name="span"/>, to name the whole path.</summary>
    private string DescribePath(SourceSpan span, string member)
    {
        var found = CurrentNode is null ? null : FindAccess(CurrentNode, span.Start.Offset, depth: 0);
        if (found is null)
        {
            return member;
        }

        try
        {
            return found.ToString();
        }
        catch (NotImplementedException)
        {
            return member;
        }
    }

    private static ScriptNode? FindAccess(ScriptNode node, int offset, int depth)
    {
        if (depth > 64)
        {
            return null;
        }

        switch (node)
        {
            case ScriptMemberExpression m when m.Member is not null && m.Member.Span.Start.Offset == offset:
                return m;
            case ScriptIndexerExpression i when i.Index is not null && i.Index.Span.Start.Offset == offset:
                return i;
        }

        for (var index = 0; index < node.ChildrenCount; index++)
        {
            var child = node.GetChildren(index);
            if (child is not null && FindAccess(child, offset, depth + 1) is { } hit)
            {
                return hit;
            }
        }

        return null;
    }
}
