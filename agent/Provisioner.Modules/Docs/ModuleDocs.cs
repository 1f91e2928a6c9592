// Module documentation rendered from the schemas: `prov doc` and docs/modules.md both come from here.
using System.Text;
using Provisioner.Core.Data;
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Docs;

/// <summary>Renders module schemas as terminal text (<c>prov doc</c>) or Markdown (docs/modules.md).</summary>
public static class ModuleDocs
{
    /// <summary>One line per module: name, aliases, summary, and whether this agent runs it.</summary>
    public static string List(IEnumerable<ModuleSchema> schemas, Func<string, bool> implemented)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(implemented);
        var rows = schemas.OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => (Name: s.Name + (s.Aliases.Count > 0 ? $" ({string.Join(", ", s.Aliases)})" : string.Empty),
                Summary: s.Summary + (implemented(s.Name) ? string.Empty : " [not implemented in the agent yet]")))
            .ToList();
        var width = rows.Max(r => r.Name.Length);
        var text = new StringBuilder();
        foreach (var (name, summary) in rows)
        {
            text.Append(name.PadRight(width + 2)).Append(summary).Append('\n');
        }

        return text.Append("\nprov doc MODULE shows a module's arguments, examples and returned values.\n").ToString();
    }

    /// <summary>Everything about one module, for a terminal.</summary>
    public static string Text(ModuleSchema schema, bool implemented)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var text = new StringBuilder();
        text.Append(schema.Name).Append(" - ").Append(schema.Summary).Append('\n');
        if (schema.Aliases.Count > 0)
        {
            text.Append("Also called: ").Append(string.Join(", ", schema.Aliases)).Append('\n');
        }

        if (schema.Description.Length > 0)
        {
            text.Append('\n').Append(schema.Description).Append('\n');
        }

        text.Append("\nARGUMENTS\n");
        foreach (var arg in schema.Arguments)
        {
            text.Append("  ").Append(arg.Name).Append("  (").Append(Facts(arg)).Append(")\n");
            text.Append("      ").Append(arg.Description).Append('\n');
        }

        foreach (var rule in Rules(schema))
        {
            text.Append("  * ").Append(rule).Append('\n');
        }

        text.Append("\nCHECK MODE\n  ").Append(CheckMode(schema)).Append('\n');
        if (!implemented)
        {
            text.Append("\nSTATUS\n  Not implemented in the agent yet: playbooks using it validate, but the task fails on the host.\n");
        }

        text.Append("\nEXAMPLES\n");
        foreach (var example in schema.Examples)
        {
            text.Append("  # ").Append(example.Title).Append('\n');
            foreach (var line in example.Yaml.TrimEnd().Split('\n'))
            {
                text.Append("  ").Append(line).Append('\n');
            }

            text.Append('\n');
        }

        text.Append("RETURNS (for register)\n");
        foreach (var ret in schema.Returns)
        {
            text.Append("  ").Append(ret.Name).Append("  (").Append(ret.Type).Append(")  ").Append(ret.Description).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The reference page of every module, in Markdown.</summary>
    public static string Markdown(IEnumerable<ModuleSchema> schemas, Func<string, bool> implemented)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(implemented);
        var ordered = schemas.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var md = new StringBuilder();
        md.Append("# Modules\n\n");
        md.Append("Generated from the module schemas in `agent/Provisioner.Modules` (the same declarations the playbook\n");
        md.Append("validator and the agent read); `prov doc MODULE` prints the same in a terminal. Regenerate with\n");
        md.Append("`prov doc --markdown > docs/modules.md`.\n\n");
        md.Append("| module | summary | status |\n|---|---|---|\n");
        foreach (var s in ordered)
        {
            var aliases = s.Aliases.Count > 0 ? $" ({string.Join(", ", s.Aliases.Select(a => $"`{a}`"))})" : string.Empty;
            md.Append($"| [`{s.Name}`](#{s.Name}){aliases} | {Cell(s.Summary)} | {(implemented(s.Name) ? "implemented" : "schema only")} |\n");
        }

        foreach (var s in ordered)
        {
            md.Append("\n## ").Append(s.Name).Append("\n\n").Append(s.Summary).Append('\n');
            if (s.Aliases.Count > 0)
            {
                md.Append("\nAlso called: ").Append(string.Join(", ", s.Aliases.Select(a => $"`{a}`"))).Append(".\n");
            }

            if (s.Description.Length > 0)
            {
                md.Append('\n').Append(s.Description).Append('\n');
            }

            if (!implemented(s.Name))
            {
                md.Append("\n**Not implemented in the agent yet**: playbooks using it validate, but the task fails on the host saying so.\n");
            }

            md.Append("\n| argument | type | required | default | choices | aliases | description |\n|---|---|---|---|---|---|---|\n");
            foreach (var a in s.Arguments)
            {
                md.Append($"| `{a.Name}` | {TypeName(a)} | {(a.Required ? "yes" : string.Empty)} | {(a.Default is null ? string.Empty : $"`{PlainData.ToDisplayString(a.Default)}`")} | {string.Join(", ", a.Choices.Select(c => $"`{c}`"))} | {string.Join(", ", a.Aliases.Select(c => $"`{c}`"))} | {Cell(a.Description)} |\n");
            }

            var rules = Rules(s).ToList();
            if (rules.Count > 0)
            {
                md.Append('\n');
                foreach (var rule in rules)
                {
                    md.Append("- ").Append(rule).Append('\n');
                }
            }

            md.Append("\nCheck mode: ").Append(CheckMode(s)).Append('\n');
            md.Append("\n### Examples\n");
            foreach (var example in s.Examples)
            {
                md.Append('\n').Append(example.Title).Append(":\n\n```yaml\n").Append(example.Yaml.TrimEnd()).Append("\n```\n");
            }

            md.Append("\n### Returns\n\n| name | type | description |\n|---|---|---|\n");
            foreach (var r in s.Returns)
            {
                md.Append($"| `{r.Name}` | {r.Type} | {Cell(r.Description)} |\n");
            }
        }

        return md.ToString();
    }

    private static IEnumerable<string> Rules(ModuleSchema schema)
    {
        if (schema.FreeForm is { } freeForm)
        {
            yield return $"Free form: `{schema.Name}: TEXT` sets `{freeForm}`.";
        }

        if (schema.AcceptsUndeclaredArguments)
        {
            yield return "Any other key is accepted as data.";
        }

        foreach (var group in schema.MutuallyExclusive)
        {
            yield return $"At most one of {Names(group)}.";
        }

        foreach (var group in schema.RequiredOneOf)
        {
            yield return $"At least one of {Names(group)} is required.";
        }

        foreach (var rule in schema.RequiredIf)
        {
            yield return $"`{rule.Argument}: {rule.Value}` requires {Names(rule.Requires)}.";
        }
    }

    private static string Facts(ArgSpec arg)
    {
        var facts = new List<string> { TypeName(arg) };
        if (arg.Required)
        {
            facts.Add("required");
        }

        if (arg.Default is not null)
        {
            facts.Add("default: " + PlainData.ToDisplayString(arg.Default));
        }

        if (arg.Choices.Count > 0)
        {
            facts.Add("one of: " + string.Join(", ", arg.Choices));
        }

        if (arg.Aliases.Count > 0)
        {
            facts.Add("aliases: " + string.Join(", ", arg.Aliases));
        }

        if (arg.Secret)
        {
            facts.Add("secret");
        }

        return string.Join("; ", facts);
    }

    private static string TypeName(ArgSpec arg) => arg.Type switch
    {
        ArgType.List when arg.Elements is { } element => $"list of {element.ToString().ToLowerInvariant()}",
        var type => type.ToString().ToLowerInvariant(),
    };

    private static string CheckMode(ModuleSchema schema) => schema.SupportsCheckMode
        ? schema.IsAction ? "runs (it changes nothing on the host)." : "supported: reports what would change, changes nothing."
        : "not supported: the task is reported as skipped.";

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
