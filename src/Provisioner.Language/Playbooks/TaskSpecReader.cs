using Provisioner.Core.Playbooks;
using Provisioner.Core.Schema;
using Provisioner.Language.Validation;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Playbooks;

/// <summary>Reads one task: its keywords, which key is the module, and the module's arguments.</summary>
internal sealed class TaskSpecReader(LoadContext context)
{
    private readonly ModuleArgsReader _args = new(context);

    public TaskSpec? Read(YMapping map, TaskScope scope)
    {
        var common = new CommonKeywords();
        var values = context.Values;
        var spec = new TaskSpec { Location = map.Location, Module = string.Empty, ModuleLocation = map.Location, IsHandler = scope.IsHandler };
        YScalar? loopKey = null;
        YNode? argsNode = null;
        var candidates = new List<KeyValuePair<YScalar, YNode>>();
        var unsupported = false;
        foreach (var entry in map.Entries)
        {
            var (key, value) = entry;
            if (common.TryRead(values, key, value))
            {
                continue;
            }

            switch (key.Text)
            {
                case "loop" or "with_items":
                    if (loopKey is not null)
                    {
                        context.Diagnostics.Error(key.Location, $"'{key.Text}' and '{loopKey.Text}' both given; use one");
                        break;
                    }

                    loopKey = key;
                    spec = spec with { Loop = ReadLoop(key.Text, value) };
                    break;
                case "loop_control":
                    spec = spec with { LoopControl = ReadLoopControl(value) };
                    break;
                case "register":
                    spec = spec with { Register = values.Identifier("register", value) };
                    break;
                case "notify":
                    spec = spec with { Notify = values.StringList("notify", value) };
                    break;
                case "listen":
                    if (!scope.IsHandler)
                    {
                        context.Diagnostics.Error(key.Location, "'listen' is only allowed on handlers");
                    }

                    spec = spec with { Listen = values.StringList("listen", value) };
                    break;
                case "changed_when":
                    spec = spec with { ChangedWhen = values.Conditions("changed_when", value) };
                    break;
                case "failed_when":
                    spec = spec with { FailedWhen = values.Conditions("failed_when", value) };
                    break;
                case "until":
                    spec = spec with { Until = ReadUntil(value) };
                    break;
                case "timeout":
                    spec = spec with { TimeoutSeconds = values.NonNegativeInt("timeout", value) };
                    break;
                case "retries":
                    spec = spec with { Retries = values.NonNegativeInt("retries", value) };
                    break;
                case "delay":
                    spec = spec with { DelaySeconds = values.NonNegativeNumber("delay", value) };
                    break;
                case "args":
                    argsNode = value;
                    break;
                default:
                    if (Keywords.UnsupportedTask.TryGetValue(key.Text, out var alternative))
                    {
                        context.Diagnostics.Error(key.Location, $"task keyword '{key.Text}' is not supported yet; {alternative}");
                        unsupported = true;
                    }
                    else if (Keywords.IsUnsupportedLookupLoop(key.Text))
                    {
                        context.Diagnostics.Error(key.Location, $"'{key.Text}' is not supported yet; use loop: with a list or an expression");
                        unsupported = true;
                    }
                    else
                    {
                        candidates.Add(entry);
                    }

                    break;
            }
        }

        if (FindModule(map, candidates, unsupported) is not var (moduleKey, moduleValue, schema))
        {
            return null;
        }

        var reported = context.Diagnostics.Items.Count;
        var (args, locations) = _args.Read(schema, moduleKey, moduleValue, argsNode);
        if (context.Diagnostics.Items.Count > reported)
        {
            // Arguments that could not be read are not also checked against the schema: one message per mistake.
            context.UnreadableArgs.Add(moduleKey.Location);
        }

        if (schema.Name == "set_fact")
        {
            context.DefinedNames.UnionWith(args.Keys.Where(k => k != "cacheable"));
        }

        spec = spec with
        {
            Module = schema.Name,
            ModuleKey = moduleKey.Text,
            ModuleLocation = moduleKey.Location,
            Args = args,
            ArgLocations = locations,
        };
        return (TaskSpec)common.ApplyTo(spec, map, scope.RoleName);
    }

    /// <summary>Exactly one key that is no keyword must name a module; anything else is reported with a suggestion.</summary>
    private (YScalar Key, YNode Value, ModuleSchema Schema)? FindModule(YMapping map, List<KeyValuePair<YScalar, YNode>> candidates, bool unsupported)
    {
        var modules = new List<(YScalar Key, YNode Value, ModuleSchema Schema)>();
        var unknown = new List<YScalar>();
        foreach (var (key, value) in candidates)
        {
            if (ModuleNames.Resolve(context.Catalog, key.Text) is { } schema)
            {
                modules.Add((key, value, schema));
            }
            else
            {
                unknown.Add(key);
            }
        }

        if (modules.Count > 1)
        {
            context.Diagnostics.Error(modules[1].Key.Location, $"a task calls exactly one module; this one has '{modules[0].Key.Text}' and '{modules[1].Key.Text}': split it into two tasks");
        }

        foreach (var key in unknown)
        {
            var keyword = DidYouMean.Closest(key.Text, Keywords.Task);
            var module = DidYouMean.Closest(ModuleNames.ShortName(key.Text), ModuleNames.AllNames(context.Catalog));
            if (modules.Count > 0 || (keyword is not null && module is null))
            {
                var hint = keyword is not null ? $" (did you mean '{keyword}'?)" : Keywords.Block.Contains(key.Text) ? " (it belongs on a block)" : string.Empty;
                context.Diagnostics.Error(key.Location, $"unknown task keyword '{key.Text}'{hint}");
            }
            else
            {
                var hint = module is not null ? $" (did you mean '{module}'?)" : string.Empty;
                context.Diagnostics.Error(key.Location, $"unknown module '{key.Text}'{hint}");
            }
        }

        if (modules.Count == 0 && unknown.Count == 0 && !unsupported)
        {
            context.Diagnostics.Error(map.Location, "task has no module: add exactly one module key, such as 'command:' or 'apt:'");
        }

        return modules.Count > 0 ? modules[0] : null;
    }

    private object? ReadLoop(string keyword, YNode value)
    {
        switch (value)
        {
            case YSequence seq:
                context.AddTemplates(seq);
                return YamlConvert.ToPlain(seq);
            case YScalar { Value: string text } s when text.Contains("{{", StringComparison.Ordinal):
                context.AddTemplate(s, isExpression: false);
                return text;
            default:
                context.Diagnostics.Error(value.Location, $"'{keyword}' must be a list or a template yielding one (\"{{{{ packages }}}}\"), not {ValueReader.Describe(value)}");
                return null;
        }
    }

    private LoopControl? ReadLoopControl(YNode value)
    {
        if (value is not YMapping map)
        {
            context.Diagnostics.Error(value.Location, $"'loop_control' must be a mapping (loop_var:, index_var:, label:), not {ValueReader.Describe(value)}");
            return null;
        }

        var control = new LoopControl();
        foreach (var (key, item) in map.Entries)
        {
            switch (key.Text)
            {
                case "loop_var":
                    control = control with { LoopVar = context.Values.Identifier("loop_var", item) ?? "item" };
                    break;
                case "index_var":
                    control = control with { IndexVar = context.Values.Identifier("index_var", item) };
                    break;
                case "label":
                    control = control with { Label = context.Values.String("label", item) };
                    break;
                case "pause" or "extended" or "extended_allitems":
                    context.Diagnostics.Error(key.Location, $"loop_control '{key.Text}' is not supported yet");
                    break;
                default:
                    context.Diagnostics.Error(key.Location, $"unknown loop_control key '{key.Text}'{DidYouMean.Suffix(key.Text, Keywords.LoopControl)}");
                    break;
            }
        }

        return control;
    }

    private string? ReadUntil(YNode value)
    {
        if (value is YSequence)
        {
            context.Diagnostics.Error(value.Location, "'until' must be one expression, not a list");
            return null;
        }

        return context.Values.Conditions("until", value) is [var condition] ? condition : null;
    }
}
