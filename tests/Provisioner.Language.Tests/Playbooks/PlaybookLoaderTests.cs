using Provisioner.Core.Playbooks;

namespace Provisioner.Language.Tests.Playbooks;

public class PlaybookLoaderTests
{
    private static TaskSpec OnlyTask(TempPlaybook playbook)
    {
        var loaded = playbook.Load();
        Assert.That(loaded.Diagnostics, Is.Empty, string.Join("\n", loaded.Diagnostics));
        return loaded.Playbook.Plays.Single().Tasks.OfType<TaskSpec>().Single();
    }

    private static string Play(string tasks) => "- hosts: all\n  tasks:\n" + tasks;

    [Test]
    public void Load_KeyValueArgs_SplitsOnBlanksOutsideQuotesAndTemplates()
    {
        using var playbook = new TempPlaybook(Play("    - apt: name=\"my pkg\" state={{ wanted | string.downcase }} update_cache=yes\n"));

        var task = OnlyTask(playbook);

        Assert.That(task.Args, Is.EqualTo(new Dictionary<string, object?>
        {
            ["name"] = "my pkg",
            ["state"] = "{{ wanted | string.downcase }}",
            ["update_cache"] = "yes",
        }));
    }

    [Test]
    public void Load_KeyValueArgs_LocatesEachArgumentAtItsToken()
    {
        using var playbook = new TempPlaybook(Play("    - apt: name=nginx state=present\n"));

        var task = OnlyTask(playbook);

        Assert.That(task.ArgLocations["name"].ToString(), Is.EqualTo("site.yml:3:12"));
        Assert.That(task.ArgLocations["state"].ToString(), Is.EqualTo("site.yml:3:23"));
    }

    [Test]
    public void Load_FreeFormCommand_TakesOutDeclaredOptionsOnly()
    {
        using var playbook = new TempPlaybook(Play("    - command: make install PREFIX=/usr creates=/usr/bin/tool chdir=/src\n"));

        var task = OnlyTask(playbook);

        Assert.That(task.Args["cmd"], Is.EqualTo("make install PREFIX=/usr"));
        Assert.That(task.Args["creates"], Is.EqualTo("/usr/bin/tool"));
        Assert.That(task.Args["chdir"], Is.EqualTo("/src"));
    }

    [Test]
    public void Load_FreeFormShell_KeepsQuotingOfTheCommand()
    {
        using var playbook = new TempPlaybook(Play("    - shell: echo \"a  b\" | tr a-z A-Z > /tmp/out\n"));

        Assert.That(OnlyTask(playbook).Args["cmd"], Is.EqualTo("echo \"a  b\" | tr a-z A-Z > /tmp/out"));
    }

    [Test]
    public void Load_ArgsKeyword_IsMergedIntoModuleArgs()
    {
        using var playbook = new TempPlaybook(Play("    - command: ls\n      args:\n        chdir: /tmp\n"));

        Assert.That(OnlyTask(playbook).Args, Is.EqualTo(new Dictionary<string, object?> { ["cmd"] = "ls", ["chdir"] = "/tmp" }));
    }

    [TestCase("ansible.builtin.apt", "apt")]
    [TestCase("ansible.legacy.service", "service")]
    [TestCase("community.docker.docker_container", "docker_container")]
    [TestCase("ansible.posix.sysctl", "sysctl")]
    [TestCase("package", "apt")]
    public void Load_CollectionPrefixOrAlias_MapsToCanonicalModule(string key, string module)
    {
        using var playbook = new TempPlaybook(Play($"    - {key}:\n        name: x\n"));

        var task = OnlyTask(playbook);

        Assert.That(task.Module, Is.EqualTo(module));
        Assert.That(task.ModuleKey, Is.EqualTo(key));
    }

    [Test]
    public void Load_WhenForms_BecomeListsOfExpressions()
    {
        using var playbook = new TempPlaybook(Play(
            "    - debug: msg=a\n      when: x == 1\n    - debug: msg=b\n      when: false\n    - debug: msg=c\n      when: [a, true]\n"));

        var tasks = playbook.Load().Playbook.Plays.Single().Tasks;

        Assert.That(tasks.Select(t => t.When), Is.EqualTo(new[] { new[] { "x == 1" }, ["false"], ["a", "true"] }));
    }

    [Test]
    public void Load_NotifyAndTags_AcceptStringOrList()
    {
        using var playbook = new TempPlaybook(Play("    - debug: msg=a\n      notify: one\n      tags: a, b\n    - debug: msg=b\n      notify: [one, two]\n      tags: [c]\n"));

        var tasks = playbook.Load().Playbook.Plays.Single().Tasks.Cast<TaskSpec>().ToList();

        Assert.That(tasks.Select(t => t.Notify), Is.EqualTo(new[] { new[] { "one" }, ["one", "two"] }));
        Assert.That(tasks.Select(t => t.Tags), Is.EqualTo(new[] { new[] { "a", "b" }, ["c"] }));
    }

    [Test]
    public void Load_TaskLocation_IsWhereTheTaskStartsAndKeysAreLocated()
    {
        using var playbook = new TempPlaybook(Play("    - name: first\n      debug: msg=a\n      register: out\n"));

        var task = OnlyTask(playbook);

        Assert.That(task.Location.ToString(), Is.EqualTo("site.yml:3:7"));
        Assert.That(task.ModuleLocation.ToString(), Is.EqualTo("site.yml:4:7"));
        Assert.That(task.KeyLocations["register"].ToString(), Is.EqualTo("site.yml:5:7"));
    }

    [Test]
    public void Load_Handlers_AreMarkedAsHandlers()
    {
        using var playbook = new TempPlaybook("- hosts: all\n  handlers:\n    - name: h\n      listen: topic\n      debug: msg=h\n");

        var handler = (TaskSpec)playbook.Load().Playbook.Plays.Single().Handlers.Single();

        Assert.That(handler.IsHandler, Is.True);
        Assert.That(handler.Listen, Is.EqualTo(new[] { "topic" }));
    }

    [Test]
    public void Load_RoleTasks_CarryTheRoleName()
    {
        using var playbook = new TempPlaybook("- hosts: all\n  roles: [web]\n", ("roles/web/tasks/main.yaml", "- debug: msg=web\n"));

        var loaded = playbook.Load();

        var role = loaded.Playbook.Roles["web"];
        Assert.That(role.Directory, Is.EqualTo("roles/web"));
        Assert.That(role.Tasks.Single().Role, Is.EqualTo("web"));
        Assert.That(role.Tasks.Single().Location.ToString(), Is.EqualTo("roles/web/tasks/main.yaml:1:3"));
    }

    [Test]
    public void Load_ImportTasks_BecomesABlockCarryingTheImportKeywords()
    {
        using var playbook = new TempPlaybook(Play("    - import_tasks: more.yml\n      when: ready\n      tags: [more]\n"), ("more.yml", "- debug: msg=more\n"));

        var import = (BlockSpec)playbook.Load().Playbook.Plays.Single().Tasks.Single();

        Assert.That(import.ImportKeyword, Is.EqualTo("import_tasks"));
        Assert.That(import.ImportedFrom, Is.EqualTo("more.yml"));
        Assert.That(import.When, Is.EqualTo(new[] { "ready" }));
        Assert.That(import.Block.Single().Location.ToString(), Is.EqualTo("more.yml:1:3"));
    }

    [Test]
    public void Load_SerialAndPercentages_AreParsed()
    {
        using var playbook = new TempPlaybook("- hosts: all\n  serial: [1, \"25%\", 10]\n  max_fail_percentage: \"30%\"\n");

        var play = playbook.Load().Playbook.Plays.Single();

        Assert.That(play.Serial, Is.EqualTo(new[] { BatchSize.OfCount(1), BatchSize.OfPercent(25), BatchSize.OfCount(10) }));
        Assert.That(play.MaxFailPercentage, Is.EqualTo(30));
        Assert.That(play.Serial[1].Resolve(10), Is.EqualTo(2));
    }

    [Test]
    public void Load_MissingPlaybook_ReportsItWithoutAPosition()
    {
        using var playbook = new TempPlaybook("- hosts: all\n");

        var loaded = new Language.Playbooks.PlaybookLoader(Modules.ModuleCatalog.Schemas)
            .Load("nope.yml", new Language.Playbooks.PlaybookOptions { BaseDirectory = playbook.Root });

        Assert.That(loaded.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[] { "error: playbook 'nope.yml' not found" }));
    }
}
