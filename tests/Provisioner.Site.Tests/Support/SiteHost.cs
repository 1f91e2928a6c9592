// One host as a play of the site sees it: role defaults, the inventory's levels, the play's vars and the test's
// extra vars, resolved by the real variable resolver, plus groups/hostvars/inventory_hostname; templates, task
// arguments and conditions are rendered by the real template engine.
using Provisioner.Core.Data;
using Provisioner.Core.Playbooks;
using Provisioner.Language.Variables;
using Provisioner.Templating;

namespace Provisioner.Site.Tests.Support;

internal sealed class SiteHost
{
    private readonly SiteModel _site;
    private readonly VariableScope _scope;

    private SiteHost(SiteModel site, string name, VariableScope scope, TemplateEngine engine)
    {
        _site = site;
        Name = name;
        _scope = scope;
        Engine = engine;
    }

    public string Name { get; }

    public TemplateEngine Engine { get; }

    /// <param name="extraVars">The highest level (like -e): paths into a scratch folder, faster checks.</param>
    public static SiteHost For(SiteModel site, Core.Inventory.Inventory inventory, string hostName, Play play, IReadOnlyDictionary<string, object?>? extraVars = null)
    {
        var host = inventory.FindHost(hostName) ?? throw new ArgumentException($"the inventory has no host '{hostName}'");
        var sources = new List<VarSource>();
        foreach (var role in site.RolesOf(play))
        {
            sources.Add(new VarSource(VarLayer.RoleDefaults, role.Defaults, $"role {role.Name} defaults"));
        }

        sources.AddRange(InventoryVariables.Layers(inventory, host));
        sources.Add(new VarSource(VarLayer.PlayVars, play.Vars, $"play '{play.Name}'"));
        if (extraVars is not null)
        {
            sources.Add(new VarSource(VarLayer.ExtraVars, extraVars, "test"));
        }

        var engine = new TemplateEngine();
        var scope = new VariableScope(engine: engine);
        foreach (var (name, value) in VariableResolver.Merge(sources))
        {
            scope.Set(name, value);
        }

        foreach (var (name, value) in InventoryVariables.MagicVars(inventory, host))
        {
            scope.SetLiteral(name, value);
        }

        var hostvars = PlainData.NewMap();
        foreach (var other in inventory.Hosts)
        {
            var vars = PlainData.CloneMap(other.Vars);
            foreach (var (name, value) in extraVars ?? new Dictionary<string, object?>())
            {
                vars[name] = value;
            }

            hostvars[other.Name] = vars;
        }

        scope.SetLiteral("hostvars", hostvars);
        return new SiteHost(site, hostName, scope, engine);
    }

    /// <summary>A role's template rendered for this host, as the template module would.</summary>
    public string Render(string role, string src) =>
        Engine.RenderText(File.ReadAllText(_site.TemplatePath(role, src)), _scope, $"playbooks/roles/{role}/templates/{src}");

    /// <summary>Renders the template into <paramref name="path"/> and returns the path.</summary>
    public string RenderTo(string role, string src, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Render(role, src));
        return path;
    }

    public object? Value(string expression) => Engine.Evaluate(expression, _scope, "test");

    public string Text(string expression) => PlainData.ToDisplayString(Value(expression));

    public bool Condition(string expression) => Engine.EvaluateCondition(expression, _scope, "test");

    /// <summary>What a task's `register:` would hold; templates and conditions read it afterwards.</summary>
    public void Register(string name, object? value) => _scope.SetLiteral(name, value);

    /// <summary>A task argument rendered for this host.</summary>
    public object? Arg(TaskSpec task, string name) => Engine.RenderValue(task.Args.GetValueOrDefault(name), _scope, $"{task.Location}: {name}");

    public string ArgText(TaskSpec task, string name) => PlainData.ToDisplayString(Arg(task, name));

    /// <summary>A command task's argv, rendered.</summary>
    public IReadOnlyList<string> Argv(TaskSpec task) =>
        Arg(task, "argv") is IReadOnlyList<object?> argv
            ? argv.Select(PlainData.ToDisplayString).ToList()
            : throw new ArgumentException($"{task.Location}: task '{task.Name}' has no argv");

    /// <summary>A command task's env, rendered.</summary>
    public IReadOnlyDictionary<string, string> Env(TaskSpec task) =>
        Arg(task, "env") is IReadOnlyDictionary<string, object?> env
            ? env.ToDictionary(e => e.Key, e => PlainData.ToDisplayString(e.Value), StringComparer.Ordinal)
            : new Dictionary<string, string>();

    /// <summary>Runs the role's set_fact tasks (in order) as the agent would, with what has been registered so far.</summary>
    public void ApplySetFacts(string role)
    {
        foreach (var task in _site.Tasks(role).Where(t => t.Module == "set_fact"))
        {
            foreach (var (name, value) in task.Args)
            {
                _scope.SetLiteral(name, Engine.RenderValue(value, _scope, $"{task.Location}: {name}"));
            }
        }
    }

    /// <summary>Whether every `when:` of the task holds for this host.</summary>
    public bool Runs(TaskSpec task) => task.When.All(Condition);
}
