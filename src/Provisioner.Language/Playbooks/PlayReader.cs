using System.Globalization;
using Provisioner.Core.Data;
using Provisioner.Core.Playbooks;
using Provisioner.Language.Validation;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Playbooks;

/// <summary>Reads one play: its keywords, task lists, roles (loaded here) and vars files.</summary>
internal sealed class PlayReader(LoadContext context, TaskReader tasks, RoleLoader roles)
{
    public Play? Read(YMapping map, string playbookFile)
    {
        var values = context.Values;
        var directory = Path.GetDirectoryName(playbookFile)!;
        var scope = new TaskScope(directory, directory, [playbookFile]);
        var play = new Play
        {
            Location = map.Location,
            KeyLocations = map.Entries.ToDictionary(e => e.Key.Text, e => e.Key.Location, StringComparer.Ordinal),
        };
        YNode? hostsNode = null;
        YNode? varsFilesNode = null;
        foreach (var (key, value) in map.Entries)
        {
            switch (key.Text)
            {
                case "name":
                    play = play with { Name = values.String("name", value) ?? string.Empty };
                    break;
                case "hosts":
                    hostsNode = value;
                    play = play with { Hosts = string.Join(':', values.StringList("hosts", value)) };
                    context.AddTemplates(value);
                    break;
                case "vars":
                    play = play with { Vars = values.Vars("vars", value) };
                    break;
                case "vars_files":
                    varsFilesNode = value;
                    break;
                case "roles":
                    play = play with { Roles = ReadRoles(value, directory) };
                    break;
                case "pre_tasks":
                    play = play with { PreTasks = tasks.ReadList(value, "pre_tasks", scope) };
                    break;
                case "tasks":
                    play = play with { Tasks = tasks.ReadList(value, "tasks", scope) };
                    break;
                case "post_tasks":
                    play = play with { PostTasks = tasks.ReadList(value, "post_tasks", scope) };
                    break;
                case "handlers":
                    play = play with { Handlers = tasks.ReadList(value, "handlers", scope with { IsHandler = true }) };
                    break;
                case "become":
                    play = play with { Become = values.Bool("become", value) };
                    break;
                case "become_user":
                    play = play with { BecomeUser = values.String("become_user", value) };
                    break;
                case "gather_facts":
                    play = play with { GatherFacts = values.Bool("gather_facts", value) ?? true };
                    break;
                case "serial":
                    play = play with { Serial = ReadSerial(value) };
                    break;
                case "max_fail_percentage":
                    play = play with { MaxFailPercentage = ReadPercentage("max_fail_percentage", value) };
                    break;
                case "any_errors_fatal":
                    play = play with { AnyErrorsFatal = values.Bool("any_errors_fatal", value) ?? false };
                    break;
                case "tags":
                    play = play with { Tags = values.StringList("tags", value, splitCommas: true) };
                    break;
                case "ignore_errors":
                    play = play with { IgnoreErrors = values.Bool("ignore_errors", value) };
                    break;
                case "no_log":
                    play = play with { NoLog = values.Bool("no_log", value) };
                    break;
                default:
                    ReportUnknown(key);
                    break;
            }
        }

        if (hostsNode is null)
        {
            context.Diagnostics.Error(map.Location, "play has no 'hosts:'; name the group, host or pattern it runs on ('all' for every host)");
        }

        var compileVars = CompileTimeVars(play.Vars);
        if (varsFilesNode is not null)
        {
            play = play with { VarsFiles = ReadVarsFiles(varsFilesNode, directory, compileVars) };
        }

        var pattern = play.Hosts;
        if (hostsNode is not null && pattern.Contains("{{", StringComparison.Ordinal))
        {
            pattern = context.RenderAtCompileTime(pattern, "hosts", compileVars, hostsNode) ?? string.Empty;
        }

        return play with { HostPattern = pattern };
    }

    private List<RoleRef> ReadRoles(YNode value, string directory)
    {
        var result = new List<RoleRef>();
        foreach (var item in context.Values.List("roles", value)?.Items ?? [])
        {
            if (roles.Refs.Read(item) is { } reference)
            {
                result.Add(reference);
                roles.Load(reference, directory, []);
            }
        }

        return result;
    }

    private List<VarsFile> ReadVarsFiles(YNode node, string directory, IReadOnlyDictionary<string, object?> compileVars)
    {
        var result = new List<VarsFile>();
        var items = node is YSequence seq ? seq.Items : [node];
        foreach (var item in items)
        {
            if (item is not YScalar { Value: string written })
            {
                context.Diagnostics.Error(item.Location, $"'vars_files' must be a list of file names, not {(node is YSequence ? "a list holding " : string.Empty)}{ValueReader.Describe(item)}");
                continue;
            }

            var path = written;
            if (written.Contains("{{", StringComparison.Ordinal))
            {
                context.AddTemplates(item);
                if (context.RenderAtCompileTime(written, "vars_files", compileVars, item) is not { } rendered)
                {
                    continue;
                }

                path = rendered;
            }

            var full = Path.GetFullPath(Path.Combine(directory, path));
            if (!File.Exists(full))
            {
                context.Diagnostics.Error(item.Location, $"vars file '{path}' not found (looked in {context.Display(directory)}/)");
                result.Add(new VarsFile(item.Location, written));
                continue;
            }

            var vars = context.LoadYaml(full) is { } root ? context.Values.Vars("vars file", root) : PlainData.NewMap();
            result.Add(new VarsFile(item.Location, written) { ResolvedPath = context.Display(full), Vars = vars });
        }

        return result;
    }

    private List<BatchSize> ReadSerial(YNode node)
    {
        var result = new List<BatchSize>();
        var items = node is YSequence seq ? seq.Items : [node];
        foreach (var item in items)
        {
            switch (item)
            {
                case YScalar { Value: long n } when n > 0:
                    result.Add(BatchSize.OfCount(n));
                    break;
                case YScalar { Value: string s } when ParsePercent(s) is { } p && p > 0:
                    result.Add(BatchSize.OfPercent(p));
                    break;
                default:
                    context.Diagnostics.Error(item.Location, $"'serial' must be a number of hosts (1 or more), a percentage such as \"30%\", or a list of them; not {ValueReader.Describe(item)}");
                    break;
            }
        }

        return result;
    }

    private double? ReadPercentage(string keyword, YNode node)
    {
        var value = node switch
        {
            YScalar { Value: long l } => l,
            YScalar { Value: double d } => d,
            YScalar { Value: string s } => ParsePercent(s),
            _ => null,
        };
        if (value is >= 0 and <= 100)
        {
            return value;
        }

        context.Diagnostics.Error(node.Location, $"'{keyword}' must be a percentage from 0 to 100, not {ValueReader.Describe(node)}");
        return null;
    }

    private static double? ParsePercent(string text) =>
        text.EndsWith('%') && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p <= 100
            ? p
            : null;

    private OrderedDictionary<string, object?> CompileTimeVars(IReadOnlyDictionary<string, object?> playVars)
    {
        var vars = PlainData.CloneMap(playVars);
        foreach (var (key, value) in context.Options.ExtraVars)
        {
            vars[key] = value;
        }

        return vars;
    }

    private void ReportUnknown(YScalar key)
    {
        if (Keywords.UnsupportedPlay.TryGetValue(key.Text, out var alternative))
        {
            context.Diagnostics.Error(key.Location, $"play keyword '{key.Text}' is not supported yet; {alternative}");
        }
        else if (ModuleNames.Resolve(context.Catalog, key.Text) is not null || Keywords.AnyTaskEntry.Contains(key.Text))
        {
            context.Diagnostics.Error(key.Location, $"'{key.Text}' belongs on a task, not on a play; put it under tasks:");
        }
        else
        {
            context.Diagnostics.Error(key.Location, $"unknown play keyword '{key.Text}'{DidYouMean.Suffix(key.Text, Keywords.Play)}");
        }
    }
}
