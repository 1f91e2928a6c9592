using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Playbooks;
using Provisioner.Core.Plans;
using Provisioner.Language.Inventory;
using Provisioner.Language.Validation;

namespace Provisioner.Controller.Planning;

/// <summary>
/// Compiles a validated playbook for an inventory into one <see cref="HostPlan"/> per targeted host and play. Pure: it
/// reads the playbook's files (templates, files to ship) but contacts no host. Everything that makes a plan impossible
/// is collected and thrown at once as an <see cref="InvalidInputException"/>.
/// </summary>
/// <remarks>
/// Per play: hosts = the play's pattern ∩ <c>--limit</c>, in inventory order. Tasks: pre_tasks, then each role as it
/// runs (meta dependencies first, see <see cref="RoleExpansion"/>) inside a block carrying the role's parameters and
/// <c>when</c>, then tasks, then post_tasks; handlers: the roles' then the play's. Tags are filtered here (the agent
/// never sees them); handlers are not filtered by tags, as in Ansible.
/// </remarks>
public sealed class PlanCompiler
{
    private readonly Templating.TemplateEngine _templates;

    public PlanCompiler(Templating.TemplateEngine? templates = null)
    {
        _templates = templates ?? new Templating.TemplateEngine();
    }

    public CompiledPlaybook Compile(ValidatedPlaybook validated, Core.Inventory.Inventory inventory, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(validated);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(options);
        if (validated.HasErrors)
        {
            throw new InvalidInputException(validated.Diagnostics);
        }

        var playbook = validated.Playbook;
        var errors = new List<Diagnostic>();
        var warnings = validated.Diagnostics.Where(d => d.Severity == Severity.Warning).ToList();
        var secrets = SecretNames.Collect(playbook, inventory, options.SecretExtraVars);
        var filter = new TagFilter(options.Tags, options.SkipTags);
        var files = new PlanFiles(validated);
        var groups = inventory.GroupsVariable;
        var plays = new List<CompiledPlay>();
        if (options.Limit is { } limit)
        {
            try
            {
                if (HostPatterns.Select(inventory, "all", limit).Hosts.Count == 0)
                {
                    errors.Add(Diagnostic.Error(null, $"--limit '{limit}' matches no host of the inventory; nothing would run"));
                }
            }
            catch (InvalidInputException ex)
            {
                // Reported once here rather than once per play.
                throw new InvalidInputException(PlaybookValidator.Sort(ex.Diagnostics.Select(d => d with { Message = $"--limit: {d.Message}" }).Concat(warnings)));
            }
        }

        for (var index = 0; index < playbook.Plays.Count; index++)
        {
            var play = playbook.Plays[index];
            IReadOnlyList<Core.Inventory.InventoryHost> hosts;
            try
            {
                var selection = HostPatterns.Select(inventory, play.HostPattern, options.Limit, play.KeyLocations.GetValueOrDefault("hosts") ?? play.Location);
                warnings.AddRange(selection.Warnings);
                hosts = selection.Hosts;
            }
            catch (InvalidInputException ex)
            {
                errors.AddRange(ex.Diagnostics);
                continue;
            }

            plays.Add(CompilePlay(index, play, hosts, validated, inventory, options, filter, files, groups, secrets, errors));
        }

        var targeted = plays.SelectMany(p => p.Hosts).Distinct(StringComparer.Ordinal).Select(h => inventory.FindHost(h)!);
        var addresses = HostAddresses.Resolve(targeted, _templates, errors);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(PlaybookValidator.Sort(errors.Concat(warnings)));
        }

        return new CompiledPlaybook
        {
            Path = playbook.Path,
            Inventory = inventory,
            Plays = plays,
            Addresses = addresses,
            Warnings = warnings.Distinct().ToList(),
            Check = options.Check,
            Diff = options.Diff,
        };
    }

    private static CompiledPlay CompilePlay(
        int index,
        Play play,
        IReadOnlyList<Core.Inventory.InventoryHost> hosts,
        ValidatedPlaybook validated,
        Core.Inventory.Inventory inventory,
        CompileOptions options,
        TagFilter filter,
        PlanFiles files,
        IReadOnlyDictionary<string, object?> groups,
        IReadOnlyList<string> secrets,
        List<Diagnostic> errors)
    {
        var applications = RoleExpansion.Expand(play, validated.Playbook.Roles);
        var flattener = new TaskFlattener(filter, files, errors);
        var playLevel = new Inheritance
        {
            Tags = play.Tags,
            Become = play.Become,
            BecomeUser = play.BecomeUser,
            NoLog = play.NoLog,
            IgnoreErrors = play.IgnoreErrors,
        };

        var tasks = flattener.Flatten(play.PreTasks, playLevel, filterTags: true);
        foreach (var application in applications)
        {
            if (flattener.RoleBlock(application, RolePath(validated, application.Role), playLevel, filterTags: true) is { } block)
            {
                tasks.Add(block);
            }
        }

        tasks.AddRange(flattener.Flatten(play.Tasks, playLevel, filterTags: true));
        tasks.AddRange(flattener.Flatten(play.PostTasks, playLevel, filterTags: true));

        var handlers = new List<PlanTask>();
        foreach (var application in applications.DistinctBy(a => a.Role.Name, StringComparer.Ordinal))
        {
            handlers.AddRange(flattener.RoleHandlers(application, RolePath(validated, application.Role), playLevel));
        }

        handlers.AddRange(flattener.Flatten(play.Handlers, playLevel, filterTags: false));

        var hostNames = hosts.Select(h => h.Name).ToList();
        var magic = PlainData.NewMap();
        magic["groups"] = groups;
        magic["ansible_play_hosts_all"] = hostNames.Select(h => (object?)h).ToList();
        magic["ansible_play_hosts"] = magic["ansible_play_hosts_all"];
        magic["ansible_play_batch"] = magic["ansible_play_hosts_all"];
        magic["play_hosts"] = magic["ansible_play_hosts_all"];
        magic["playbook_dir"] = validated.PlaybookDirectory;
        magic["ansible_check_mode"] = options.Check;
        magic["ansible_diff_mode"] = options.Diff;

        var roles = applications.Select(a => a.Role).Distinct().ToList();
        var variables = new PlayVariables(inventory, play, roles, magic);
        var shipped = flattener.Shipped.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var plans = new Dictionary<string, HostPlan>(StringComparer.Ordinal);
        var usesHostVars = Mentions.InTasks(tasks, "hostvars") || Mentions.InTasks(handlers, "hostvars")
            || Mentions.InValue(options.ExtraVars, "hostvars") || Mentions.InFiles(shipped.Values, "hostvars");
        foreach (var host in hosts)
        {
            var vars = variables.For(host);
            usesHostVars |= Mentions.InValue(vars, "hostvars");
            plans[host.Name] = new HostPlan
            {
                Host = host.Name,
                Play = play.Name,
                Vars = vars,
                ExtraVars = options.ExtraVars,
                Tasks = tasks,
                Handlers = handlers,
                Files = shipped,
                GatherFacts = play.GatherFacts,
                SecretVars = secrets,
                Check = options.Check,
                Diff = options.Diff,
            };
        }

        return new CompiledPlay
        {
            Index = index,
            Name = play.Name.Length > 0 ? play.Name : play.HostPattern,
            Location = play.Location,
            Hosts = hostNames,
            Plans = plans,
            Serial = play.Serial,
            MaxFailPercentage = play.MaxFailPercentage,
            AnyErrorsFatal = play.AnyErrorsFatal,
            GatherFacts = play.GatherFacts,
            UsesHostVars = usesHostVars,
            HasRunOnce = flattener.HasRunOnce,
        };
    }

    /// <summary><c>role_path</c>: the role's folder relative to the playbook's, the same on every controller checkout.</summary>
    private static string RolePath(ValidatedPlaybook validated, Role role) =>
        Path.GetRelativePath(validated.PlaybookDirectory, validated.FullPath(role.Directory)).Replace('\\', '/');
}
