using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Playbooks;
using Provisioner.Core.Plans;

namespace Provisioner.Controller.Planning;

/// <summary>
/// Turns one play's task nodes into plan tasks: keywords resolved onto each task (<see cref="Inheritance"/>), tags
/// filtered, files the tasks ship rewritten to plan paths, and what cannot run in this model reported as errors.
/// Blocks stay blocks (the agent evaluates their <c>when</c> and <c>vars</c>); a block left empty by tag filtering goes.
/// </summary>
internal sealed class TaskFlattener
{
    private readonly TagFilter _filter;
    private readonly PlanFiles _files;
    private readonly List<Diagnostic> _errors;
    private readonly TaskIds _ids = new();

    public TaskFlattener(TagFilter filter, PlanFiles files, List<Diagnostic> errors)
    {
        _filter = filter;
        _files = files;
        _errors = errors;
    }

    /// <summary>Files the flattened tasks ship, by plan path.</summary>
    public Dictionary<string, ReadOnlyMemory<byte>> Shipped { get; } = new(StringComparer.Ordinal);

    public bool HasRunOnce { get; private set; }

    public List<PlanTask> Flatten(IReadOnlyList<TaskNode> nodes, Inheritance inherited, bool filterTags)
    {
        var result = new List<PlanTask>();
        foreach (var node in nodes)
        {
            if (Node(node, inherited, filterTags) is { } task)
            {
                result.Add(task);
            }
        }

        return result;
    }

    /// <summary>A role applied in the play: its tasks inside a block carrying the role's parameters and conditions.</summary>
    public PlanTask? RoleBlock(RoleApplication application, string roleDisplayDirectory, Inheritance playLevel, bool filterTags)
    {
        var chain = application.Via.Append(application.Ref).ToList();
        var inherited = playLevel;
        var vars = PlainData.NewMap();
        var when = new List<string>();
        foreach (var reference in chain)
        {
            inherited = inherited with
            {
                Tags = [.. inherited.Tags, .. reference.Tags],
                Become = reference.Become ?? inherited.Become,
                BecomeUser = reference.BecomeUser ?? inherited.BecomeUser,
            };
            when.AddRange(reference.When);
            foreach (var (name, value) in reference.Vars)
            {
                vars[name] = value;
            }
        }

        vars["role_name"] = application.Role.Name;
        vars["role_path"] = roleDisplayDirectory;
        var tasks = Flatten(application.Role.Tasks, inherited, filterTags);
        if (tasks.Count == 0)
        {
            return null;
        }

        return new PlanTask
        {
            Id = _ids.Unique(application.Ref.Location.ToString()),
            Name = string.Empty,
            When = when,
            Vars = vars,
            Block = tasks,
            Role = application.Role.Name,
        };
    }

    /// <summary>Role handlers: they see the role's parameters (of its first application) through their own vars.</summary>
    public List<PlanTask> RoleHandlers(RoleApplication application, string roleDisplayDirectory, Inheritance playLevel)
    {
        var inherited = playLevel;
        var parameters = PlainData.NewMap();
        foreach (var reference in application.Via.Append(application.Ref))
        {
            inherited = inherited with { Become = reference.Become ?? inherited.Become, BecomeUser = reference.BecomeUser ?? inherited.BecomeUser };
            foreach (var (name, value) in reference.Vars)
            {
                parameters[name] = value;
            }
        }

        parameters["role_name"] = application.Role.Name;
        parameters["role_path"] = roleDisplayDirectory;
        return Flatten(application.Role.Handlers, inherited, filterTags: false)
            .Select(h => h with { Vars = Merge(parameters, h.Vars) })
            .ToList();
    }

    private PlanTask? Node(TaskNode node, Inheritance outer, bool filterTags)
    {
        if (node.DelegateTo is not null)
        {
            _errors.Add(Diagnostic.Error(node.KeyLocations.GetValueOrDefault("delegate_to") ?? node.Location,
                $"delegate_to is not supported yet: each host's plan runs on that host's own agent. Move the task to a play whose hosts: is '{node.DelegateTo}'"));
            return null;
        }

        return node switch
        {
            TaskSpec spec => Leaf(spec, outer, filterTags),
            BlockSpec block => Block(block, outer, filterTags),
            _ => null,
        };
    }

    private PlanTask? Leaf(TaskSpec spec, Inheritance outer, bool filterTags)
    {
        var inherited = outer.Inner(spec);
        if (filterTags && !_filter.ShouldRun(inherited.Tags))
        {
            return null;
        }

        var runOnce = inherited.RunOnce ?? false;
        if (runOnce && spec.Register is not null)
        {
            _errors.Add(Diagnostic.Error(spec.KeyLocations.GetValueOrDefault("register") ?? spec.Location,
                $"run_once with register is not supported yet: the task runs on the first host of the batch only and its result is not shared with the others. Drop run_once, or register the value in a play for that one host"));
        }

        HasRunOnce |= runOnce;
        var become = inherited.Become ?? false;
        return new PlanTask
        {
            Id = _ids.Unique(spec.Location.ToString()),
            Name = spec.Name,
            Module = spec.Module,
            Args = _files.Ship(spec, Shipped, _errors),
            When = spec.When,
            Loop = spec.Loop,
            LoopVar = spec.LoopControl?.LoopVar ?? "item",
            IndexVar = spec.LoopControl?.IndexVar,
            LoopLabel = spec.LoopControl?.Label,
            Register = spec.Register,
            Notify = spec.Notify,
            ChangedWhen = spec.ChangedWhen,
            FailedWhen = spec.FailedWhen,
            IgnoreErrors = inherited.IgnoreErrors ?? false,
            NoLog = inherited.NoLog ?? false,
            Timeout = spec.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            Retries = spec.Retries ?? 0,
            Until = spec.Until,
            Delay = TimeSpan.FromSeconds(spec.DelaySeconds ?? 5),
            Vars = spec.Vars,
            Listen = spec.Listen,
            Become = become,
            BecomeUser = become ? inherited.BecomeUser : null,
            Role = spec.Role,
            RunOnce = runOnce,
        };
    }

    private PlanTask? Block(BlockSpec block, Inheritance outer, bool filterTags)
    {
        // Ansible: the tags of a dynamic include select the include itself; the tasks it brings in are filtered by
        // their own tags (and those around the include), not by the include's.
        var dynamic = block.ImportKeyword == "include_tasks";
        var self = outer.Inner(block);
        if (dynamic && filterTags && !_filter.ShouldRun(self.Tags))
        {
            return null;
        }

        var inner = dynamic ? outer.Inner(block, inheritTags: false) : self;
        var id = _ids.Unique(block.Location.ToString());
        var body = Flatten(block.Block, inner, filterTags);
        var rescue = Flatten(block.Rescue, inner, filterTags);
        var always = Flatten(block.Always, inner, filterTags);
        if (body.Count == 0 && rescue.Count == 0 && always.Count == 0)
        {
            return null;
        }

        // no_log and ignore_errors are already resolved onto every task inside; the block must not OR them in again.
        return new PlanTask
        {
            Id = id,
            Name = block.Name,
            When = block.When,
            Vars = block.Vars,
            Block = body,
            Rescue = rescue,
            Always = always,
            Role = block.Role,
        };
    }

    private static OrderedDictionary<string, object?> Merge(IReadOnlyDictionary<string, object?> lower, IReadOnlyDictionary<string, object?> higher)
    {
        var merged = PlainData.NewMap();
        foreach (var (k, v) in lower.Concat(higher))
        {
            merged[k] = v;
        }

        return merged;
    }
}
