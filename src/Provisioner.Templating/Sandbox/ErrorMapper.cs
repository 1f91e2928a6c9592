// Turns anything thrown while parsing or evaluating into a TemplateException that says where and what to do.
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal sealed class ErrorMapper
{
    private readonly TemplateLimits _limits;

    public ErrorMapper(TemplateLimits limits)
    {
        _limits = limits;
    }

    public static TemplateException Syntax(IReadOnlyList<ParseProblem> problems, Where where)
    {
        var first = problems[0];
        var more = problems.Count > 1 ? $" (and {problems.Count - 1} more syntax error(s))" : string.Empty;
        return new TemplateException(
            $"{where.Describe(first.Line, first.Column)}: syntax error: {first.Message}{more}. Fix the {where.Noun}; see docs/templates.md for the syntax",
            where.Origin,
            first.Line,
            first.Column);
    }

    public TemplateException Map(Exception exception, Where where)
    {
        // A nested evaluation (a variable whose value is itself a template) already produced a complete message.
        var span = (exception as ScriptRuntimeException)?.Span;
        var line = span is { IsEmpty: false } s ? s.Start.Line + 1 : 0;
        var column = span is { IsEmpty: false } c ? c.Start.Column + 1 : 0;
        var at = where.Describe(line, column);

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is TemplateException nested)
            {
                return FromNested(nested, where, at, line, column);
            }
        }

        switch (exception)
        {
            case UndefinedPathException undefined:
                var guard = undefined.IsMember
                    ? $"`{undefined.Path} ?? fallback` or `defined(\"{undefined.Path}\")`"
                    : $"`{undefined.Path} ?? fallback`, `{undefined.Path} | default fallback` or `defined(\"{undefined.Path}\")`";
                return new UndefinedVariableException(
                    undefined.Path,
                    $"{at}: {undefined.OriginalMessage}. Define it (play/role/inventory vars, facts, register) or guard it with {guard}",
                    where.Origin,
                    line,
                    column,
                    exception);
            case ScriptAbortException:
                return new TemplateException(
                    $"{at}: evaluation stopped after the time limit of {_limits.Timeout.TotalSeconds:0.###} s. Look for a runaway loop or recursion, or make the {where.Noun} do less work",
                    where.Origin,
                    line,
                    column,
                    exception);
            case ScriptRuntimeException { InnerException: InsufficientExecutionStackException }:
            case InsufficientExecutionStackException:
                return new TemplateException(
                    $"{at}: the {where.Noun} nests too deeply (recursion or nested expressions). Simplify it",
                    where.Origin,
                    line,
                    column,
                    exception);
            case ScriptRuntimeException runtime:
                return new TemplateException(
                    $"{at}: {runtime.OriginalMessage.TrimEnd('.')}. Check the {where.Noun}; templates run in a sandbox ({Describe(_limits)}), see docs/templates.md",
                    where.Origin,
                    line,
                    column,
                    exception);
            default:
                return new TemplateException(
                    $"{at}: evaluation failed: {exception.Message}",
                    where.Origin,
                    line,
                    column,
                    exception);
        }
    }

    /// <summary>
    /// A failure inside a templated variable already names that variable; the outermost evaluation adds where the
    /// variable was read, intermediate ones (variables reading variables) pass it on unchanged.
    /// </summary>
    private static TemplateException FromNested(TemplateException nested, Where where, string at, int line, int column)
    {
        if (nested.Origin is null)
        {
            return nested is UndefinedVariableException undefined
                ? new UndefinedVariableException(undefined.VariableName, $"{at}: {nested.Message}", where.Origin, line, column, nested)
                : new TemplateException($"{at}: {nested.Message}", where.Origin, line, column, nested);
        }

        if (where.ResolvingVariable)
        {
            return nested;
        }

        var message = $"{nested.Message} (read at {at})";
        return nested is UndefinedVariableException u
            ? new UndefinedVariableException(u.VariableName, message, u.Origin, u.Line, u.Column, nested)
            : new TemplateException(message, nested.Origin, nested.Line, nested.Column, nested);
    }

    private static string Describe(TemplateLimits limits) =>
        $"at most {limits.LoopLimit} loop iterations, call depth {limits.RecursionLimit}, {limits.MaxOutputChars} characters of output, {limits.Timeout.TotalSeconds:0.###} s";
}
