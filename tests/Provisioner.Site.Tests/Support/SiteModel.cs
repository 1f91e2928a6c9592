// playbooks/site.yml as the language reads it: plays, roles (with their defaults, tasks, handlers) and templates.
using Provisioner.Core.Playbooks;
using Provisioner.Language.Validation;
using Provisioner.Modules;

namespace Provisioner.Site.Tests.Support;

internal sealed class SiteModel
{
    private SiteModel(ValidatedPlaybook validated) => Validated = validated;

    public ValidatedPlaybook Validated { get; }

    public Playbook Playbook => Validated.Playbook;

    /// <summary>Loads and validates the site (without an inventory: see SiteTests for the check with one).</summary>
    public static SiteModel Load(IReadOnlyList<string>? inventories = null, IReadOnlyList<string>? extraVars = null) =>
        new(SyntaxCheck.Run(
            new SyntaxCheckRequest(Repo.Playbook) { BaseDirectory = Repo.Root, Inventories = inventories ?? [], ExtraVars = extraVars ?? [] },
            ModuleCatalog.Schemas));

    public Role Role(string name) =>
        Playbook.Roles.TryGetValue(name, out var role) && role is not null ? role : throw new ArgumentException($"site.yml uses no role '{name}'");

    public string RoleDirectory(string role) => Validated.FullPath(Role(role).Directory);

    public string TemplatePath(string role, string src) => Path.Combine(RoleDirectory(role), "templates", src);

    /// <summary>The first play that runs the role, directly or as a dependency.</summary>
    public Play PlayOf(string role) =>
        Playbook.Plays.FirstOrDefault(p => RolesOf(p).Any(r => r.Name == role)) ?? throw new ArgumentException($"no play runs role '{role}'");

    /// <summary>The play's roles in the order they run: each role's dependencies before it, each role once.</summary>
    public IReadOnlyList<Role> RolesOf(Play play)
    {
        var ordered = new List<Role>();
        void Visit(string name)
        {
            var role = Role(name);
            foreach (var dependency in role.Dependencies)
            {
                Visit(dependency.Name);
            }

            if (!ordered.Contains(role))
            {
                ordered.Add(role);
            }
        }

        foreach (var reference in play.Roles)
        {
            Visit(reference.Name);
        }

        return ordered;
    }

    /// <summary>The role's tasks and handlers (the site's roles use no blocks or includes).</summary>
    public IReadOnlyList<TaskSpec> Tasks(string role) =>
        Role(role).Tasks.Concat(Role(role).Handlers).OfType<TaskSpec>().ToList();

    public TaskSpec Task(string role, string name) =>
        Tasks(role).FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"role '{role}' has no task named '{name}': {string.Join(", ", Tasks(role).Select(t => t.Name))}");

    /// <summary>The template task that renders <paramref name="src"/>.</summary>
    public TaskSpec TemplateTask(string role, string src) =>
        Tasks(role).FirstOrDefault(t => t.Module == "template" && Equals(t.Args.GetValueOrDefault("src"), src))
        ?? throw new ArgumentException($"role '{role}' renders no template '{src}'");
}
