using Provisioner.Core.Diagnostics;
using Provisioner.Language.Playbooks;
using Provisioner.Templating;

namespace Provisioner.Language.Validation;

/// <summary>
/// Parses every template and expression of the playbook (and every template file tasks use) and reports syntax errors
/// at their position in the file, and variables that nothing defines: no vars layer, role, inventory, register,
/// set_fact, loop variable or fact provides them.
/// </summary>
internal sealed class TemplateCheck(TemplateEngine engine, IReadOnlySet<string> known, Severity? undefined, Func<string, string> display, DiagnosticBag diagnostics)
{
    private const long MaxTemplateBytes = 8 * 1024 * 1024;

    /// <summary>Jinja words that Scriban reads as variable names.</summary>
    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["and"] = "'&&'",
        ["or"] = "'||'",
        ["not"] = "'!'",
        ["is"] = "'==' or a function such as 'defined(\"name\")'",
    };

    public void CheckSite(SourceLocation at, string text, bool isExpression)
    {
        var problems = engine.CheckSyntax(text, isExpression, at);
        if (problems.Count > 0)
        {
            diagnostics.AddRange(problems.Select(p => p with { Location = Clamp(p.Location, at) }));
            return;
        }

        foreach (var name in engine.FreeVariables(text, isExpression).Order(StringComparer.Ordinal))
        {
            if (Operators.TryGetValue(name, out var scriban))
            {
                diagnostics.Error(Locate(at, text, name), $"'{name}' is not an operator in expressions; write {scriban}");
            }
            else if (undefined is { } severity && !known.Contains(name))
            {
                var noInventory = severity == Severity.Warning ? " (no inventory given: pass -i to check inventory variables too)" : string.Empty;
                diagnostics.Add(new Diagnostic(severity, Locate(at, text, name), $"undefined variable '{name}'{DidYouMean.Suffix(name, known)}: define it in vars, role defaults, the inventory or with -e, or guard it with '{name} ?? fallback'{noInventory}"));
            }
        }
    }

    public void CheckFile(string fullPath)
    {
        string text;
        try
        {
            var size = new FileInfo(fullPath).Length;
            if (size > MaxTemplateBytes)
            {
                diagnostics.Error(new SourceLocation(display(fullPath), 1, 1), $"template is {size / (1024.0 * 1024):0.0} MiB; templates are limited to {MaxTemplateBytes / (1024 * 1024)} MiB");
                return;
            }

            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(new SourceLocation(display(fullPath), 1, 1), $"cannot read template: {ex.Message}");
            return;
        }

        CheckSite(new SourceLocation(display(fullPath), 1, 1), text, isExpression: false);
    }

    /// <summary>Where the name is first read in the text, so that the message points at it rather than at the string's start.</summary>
    private static SourceLocation Locate(SourceLocation at, string text, string name)
    {
        var index = 0;
        while ((index = text.IndexOf(name, index, StringComparison.Ordinal)) >= 0)
        {
            var before = index == 0 ? ' ' : text[index - 1];
            var after = index + name.Length < text.Length ? text[index + name.Length] : ' ';
            if (!IsNameChar(before) && before != '.' && !IsNameChar(after))
            {
                break;
            }

            index += name.Length;
        }

        if (index < 0)
        {
            return at;
        }

        var line = text.AsSpan(0, index).Count('\n');
        var column = index - (text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1) + 1;

        return line == 0 ? at with { Column = at.Column + index } : at with { Line = at.Line + line, Column = column };
    }

    /// <summary>A position reported before the text's own start (an error "at end of input" without a line) is moved to the start.</summary>
    private static SourceLocation? Clamp(SourceLocation? reported, SourceLocation at) =>
        reported is null || reported.Path != at.Path || reported.Line < at.Line || reported.Column < 1
        || (reported.Line == at.Line && reported.Column < at.Column)
            ? at
            : reported;

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    internal void CheckSites(IEnumerable<TemplateSite> sites)
    {
        foreach (var site in sites)
        {
            CheckSite(site.Location, site.Text, site.IsExpression);
        }
    }
}
