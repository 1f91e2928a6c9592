using Provisioner.Core.Diagnostics;
using Provisioner.Core.Playbooks;
using Provisioner.Core.Schema;
using Provisioner.Language.Validation;
using Provisioner.Language.Yaml;
using Provisioner.Templating;

namespace Provisioner.Language.Playbooks;

/// <summary>
/// Reads a playbook file and everything it pulls in (imported playbooks, roles, task files, vars files) into the
/// <see cref="Playbook"/> model, collecting every problem instead of stopping at the first. Touches no host.
/// </summary>
public sealed class PlaybookLoader(IModuleSchemaCatalog catalog, TemplateEngine? templates = null)
{
    private readonly TemplateEngine _templates = templates ?? new TemplateEngine();

    public LoadedPlaybook Load(string playbookPath, PlaybookOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(playbookPath);
        options ??= new PlaybookOptions();
        var context = new LoadContext(catalog, _templates, options);
        var full = Path.GetFullPath(playbookPath, context.BaseDirectory);
        var display = context.Display(full);
        var tasks = new TaskReader(context);
        var plays = new PlayReader(context, tasks, new RoleLoader(context, tasks));
        var result = new List<Play>();
        if (!File.Exists(full))
        {
            context.Diagnostics.Error(null, $"playbook '{display}' not found");
        }
        else
        {
            ReadPlaybookFile(context, plays, full, [], result);
        }

        var playbook = new Playbook
        {
            Path = display,
            Location = new SourceLocation(display, 1, 1),
            Plays = result,
            Roles = context.Roles.Where(r => r.Value is not null).ToDictionary(r => r.Key, r => r.Value!, StringComparer.Ordinal),
        };
        return new LoadedPlaybook(playbook, context.Diagnostics.Items)
        {
            BaseDirectory = context.BaseDirectory,
            Directory = Path.GetDirectoryName(full)!,
            TemplateSites = context.TemplateSites,
            DefinedNames = context.DefinedNames,
            UnreadableArgs = context.UnreadableArgs,
        };
    }

    private static void ReadPlaybookFile(LoadContext context, PlayReader plays, string file, IReadOnlyList<string> chain, List<Play> result)
    {
        var root = context.LoadYaml(file);
        switch (root)
        {
            case null when !context.IsBroken(file):
                context.Diagnostics.Error(context.FileLocation(file), "playbook is empty; a playbook is a list of plays");
                return;
            case null:
                return;
            case YSequence seq:
                foreach (var item in seq.Items)
                {
                    ReadItem(context, plays, file, [.. chain, file], item, result);
                }

                return;
            default:
                context.Diagnostics.Error(root.Location, $"a playbook must be a list of plays (start each play with '- '), not {root.KindName}");
                return;
        }
    }

    private static void ReadItem(LoadContext context, PlayReader plays, string file, IReadOnlyList<string> chain, YNode item, List<Play> result)
    {
        if (item is not YMapping map)
        {
            context.Diagnostics.Error(item.Location, $"a play must be a mapping (hosts:, tasks: ...), not {ValueReader.Describe(item)}");
            return;
        }

        if (!map.ContainsKey("import_playbook"))
        {
            if (plays.Read(map, file) is { } play)
            {
                result.Add(play);
            }

            return;
        }

        foreach (var key in map.Entries.Select(e => e.Key).Where(k => k.Text is not ("import_playbook" or "name")))
        {
            context.Diagnostics.Error(key.Location, $"'{key.Text}' on import_playbook is not supported yet; set it inside the imported playbook");
        }

        var value = map["import_playbook"]!;
        if (context.Values.String("import_playbook", value, template: false) is not { } name)
        {
            return;
        }

        if (name.Contains("{{", StringComparison.Ordinal))
        {
            context.Diagnostics.Error(value.Location, "'import_playbook' with a templated file name is not supported yet; name the file literally");
            return;
        }

        var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, name));
        if (!File.Exists(target))
        {
            context.Diagnostics.Error(value.Location, $"imported playbook '{name}' not found (looked in {context.Display(Path.GetDirectoryName(file)!)}/)");
            return;
        }

        if (chain.Contains(target, StringComparer.Ordinal))
        {
            var cycle = chain.SkipWhile(f => f != target).Append(target).Select(context.Display);
            context.Diagnostics.Error(value.Location, $"import cycle: {string.Join(" -> ", cycle)}");
            return;
        }

        ReadPlaybookFile(context, plays, target, chain, result);
    }
}
