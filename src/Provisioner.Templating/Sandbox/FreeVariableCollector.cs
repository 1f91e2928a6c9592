// Finds the top-level variables a text reads but does not define itself, for static "undefined variable" checks.
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal sealed class FreeVariableCollector
{
    private static readonly string[] SpecialNames = ["this", "empty", "blank", "for", "forloop", "tablerow", "while", "null", "true", "false"];

    private readonly HashSet<string> _reads = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);

    public static IReadOnlySet<string> Collect(ScriptNode root, IReadOnlySet<string> builtinNames)
    {
        var collector = new FreeVariableCollector();
        collector.Visit(root, depth: 0);
        collector._reads.ExceptWith(collector._bound);
        collector._reads.ExceptWith(SpecialNames);
        collector._reads.RemoveWhere(builtinNames.Contains);
        return collector._reads;
    }

    private void Visit(ScriptNode? node, int depth)
    {
        if (node is null || depth > 500)
        {
            return;
        }

        var next = depth + 1;
        switch (node)
        {
            case ScriptVariable { Scope: ScriptVariableScope.Global } variable:
                _reads.Add(variable.Name);
                return;
            case ScriptVariable:
                return;
            case ScriptMemberExpression member:
                Visit(member.Target, next);
                return;
            case ScriptAssignExpression assign:
                if (assign.Target is ScriptVariable target)
                {
                    _bound.Add(target.Name);
                }
                else
                {
                    Visit(assign.Target, next);
                }

                Visit(assign.Value, next);
                return;
            case ScriptForStatement loop:
                Bind(loop.Variable);
                Visit(loop.Iterator, next);
                foreach (var argument in loop.NamedArguments ?? [])
                {
                    Visit(argument.Value, next);
                }

                Visit(loop.Body, next);
                Visit(loop.Else, next);
                return;
            case ScriptFunction function:
                Bind(function.NameOrDoToken as ScriptVariable);
                foreach (var parameter in function.Parameters ?? [])
                {
                    Bind(parameter.Name);
                }

                Visit(function.Body, next);
                return;
            case ScriptCaptureStatement capture:
                Bind(capture.Target);
                Visit(capture.Body, next);
                return;
            case ScriptWithStatement with:
                // Inside `with obj ... end`, bare names are members of obj: unknowable statically.
                Visit(with.Name, next);
                return;
            case ScriptNamedArgument named:
                Visit(named.Value, next);
                return;
            case ScriptBinaryExpression { Operator: ScriptBinaryOperator.EmptyCoalescing or ScriptBinaryOperator.NotEmptyCoalescing } coalesce
                when SandboxContext.IsPath(coalesce.Left):
                VisitGuardedPath(coalesce.Left, next);
                Visit(coalesce.Right, next);
                return;
            case ScriptPipeCall pipe when IsCallTo(pipe.To, "default") && SandboxContext.IsPath(pipe.From):
                VisitGuardedPath(pipe.From, next);
                if (pipe.To is ScriptFunctionCall piped)
                {
                    // The piped value is default's first argument; the call's own arguments come after it.
                    foreach (var argument in piped.Arguments)
                    {
                        Visit(argument, next);
                    }
                }

                return;
            case ScriptObjectMember objectMember:
                // `{ key: value }`: the key is a name, not a read.
                Visit(objectMember.Value, next);
                return;
            case ScriptFunctionCall call when IsCallTo(call.Target, "defined") || IsCallTo(call.Target, "default"):
                var first = call.Arguments.Count > 0 ? call.Arguments[0] : null;
                if (SandboxContext.IsPath(first))
                {
                    VisitGuardedPath(first, next);
                }
                else
                {
                    Visit(first, next);
                }

                for (var i = 1; i < call.Arguments.Count; i++)
                {
                    Visit(call.Arguments[i], next);
                }

                return;
        }

        for (var i = 0; i < node.ChildrenCount; i++)
        {
            Visit(node.GetChildren(i), next);
        }
    }

    /// <summary>A path the author guarded (left of ??, argument of defined/default): its root is not a required variable.</summary>
    private void VisitGuardedPath(ScriptNode? node, int depth)
    {
        switch (node)
        {
            case ScriptVariable:
                return;
            case ScriptNestedExpression nested:
                VisitGuardedPath(nested.Expression, depth + 1);
                return;
            case ScriptMemberExpression member:
                VisitGuardedPath(member.Target, depth + 1);
                return;
            case ScriptIndexerExpression indexer:
                VisitGuardedPath(indexer.Target, depth + 1);
                Visit(indexer.Index, depth + 1);
                return;
        }
    }

    private static bool IsCallTo(ScriptNode? node, string name) => node switch
    {
        ScriptVariable { Scope: ScriptVariableScope.Global } v => v.Name == name,
        ScriptFunctionCall call => IsCallTo(call.Target, name),
        _ => false,
    };

    private void Bind(ScriptNode? node)
    {
        if (node is ScriptVariable variable)
        {
            _bound.Add(variable.Name);
        }
    }
}
