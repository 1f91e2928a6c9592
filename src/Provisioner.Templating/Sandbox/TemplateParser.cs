// Parses expressions (script-only mode) and templates (text with {{ }} blocks) into ParsedText, never throwing.
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal static class TemplateParser
{
    private static readonly LexerOptions ExpressionLexer = new() { Mode = ScriptMode.ScriptOnly };
    private static readonly LexerOptions TemplateLexer = new() { Mode = ScriptMode.Default };

    public static ParsedText Parse(string text, bool isExpression)
    {
        Template template;
        try
        {
            template = Template.Parse(text, sourceFilePath: null, new ParserOptions(), isExpression ? ExpressionLexer : TemplateLexer);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ParsedText(null, [new ParseProblem(1, 1, $"the text cannot be parsed: {ex.Message}")], null);
        }

        if (template.HasErrors)
        {
            var problems = template.Messages
                .Where(m => m.Type == ParserMessageType.Error)
                .Select(m => m.Span.Start.Line >= 0
                    ? new ParseProblem(m.Span.Start.Line + 1, m.Span.Start.Column + 1, m.Message)
                    : AtEnd(text, m.Message))
                .ToList();
            return new ParsedText(template, problems, null);
        }

        var statements = template.Page?.Body?.Statements.Where(s => s is not ScriptNopStatement).ToList() ?? [];
        return isExpression ? AsExpression(template, statements) : AsTemplate(template, text, statements);
    }

    /// <summary>Parses "name" or "a.b.c" / "a['b'][0]" for defined(); null when the text is not such a path.</summary>
    public static ScriptExpression? ParsePath(string text)
    {
        var parsed = Parse(text, isExpression: true);
        return !parsed.HasErrors && SandboxContext.IsPath(parsed.SingleExpression) ? parsed.SingleExpression : null;
    }

    /// <summary>Problems found at end of input carry no position; point just past the last character.</summary>
    private static ParseProblem AtEnd(string text, string message)
    {
        var lastBreak = text.LastIndexOf('\n');
        var line = 1 + text.Count(c => c == '\n');
        return new ParseProblem(line, text.Length - lastBreak, message);
    }

    private static ParsedText AsExpression(Template template, List<ScriptStatement> statements)
    {
        if (statements.Count == 0)
        {
            return new ParsedText(template, [new ParseProblem(1, 1, "the expression is empty")], null);
        }

        if (statements.Count == 1 && statements[0] is ScriptExpressionStatement { Expression: { } expression })
        {
            return new ParsedText(template, [], expression);
        }

        var offending = statements.FirstOrDefault(s => s is not ScriptExpressionStatement) ?? statements[1];
        var at = offending.Span.Start;
        return new ParsedText(
            template,
            [new ParseProblem(at.Line + 1, at.Column + 1, "expected a single expression such as `x > 1 && y`; statements (if, for, while, several expressions) belong in a template")],
            null);
    }

    private static ParsedText AsTemplate(Template template, string text, List<ScriptStatement> statements)
    {
        var trimmed = text.AsSpan().Trim();
        if (!trimmed.StartsWith("{{", StringComparison.Ordinal) || !trimmed.EndsWith("}}", StringComparison.Ordinal))
        {
            return new ParsedText(template, [], null);
        }

        ScriptExpression? single = null;
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case ScriptEscapeStatement:
                case ScriptRawStatement raw when string.IsNullOrWhiteSpace(raw.Text.ToString()):
                    continue;
                case ScriptExpressionStatement { Expression: { } expression } when single is null:
                    single = expression;
                    continue;
                default:
                    return new ParsedText(template, [], null);
            }
        }

        return new ParsedText(template, [], single);
    }
}
