namespace Provisioner.Cli.Tests.SyntaxCheck;

/// <summary>The real <c>prov syntax-check</c> process: what it prints where, and its exit codes.</summary>
[CancelAfter(60_000)]
public class SyntaxCheckCommandTests
{
    private const string Inventory = "all:\n  children:\n    web:\n      hosts:\n        web1:\n      vars:\n        http_port: 8080\n";

    [Test]
    public async Task SyntaxCheck_ValidPlaybook_ExitsZeroWithSummaryOnStdout(CancellationToken ct)
    {
        using var dir = new ScratchDirectory(
            ("site.yml", "- hosts: web\n  roles: [web]\n  tasks:\n    - debug: msg=\"{{ http_port }}\"\n"),
            ("roles/web/tasks/main.yml", "- apt: name=nginx\n- service: name=nginx state=started\n"),
            ("inventory.yml", Inventory));

        var result = await ProvProcess.RunAsync(dir.Path, ct, "syntax-check", "site.yml", "-i", "inventory.yml");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stderr, Is.EqualTo("0 errors, 0 warnings\n"));
        Assert.That(result.Stdout, Is.EqualTo("site.yml: 1 play, 1 role, 3 tasks\n"));
    }

    [Test]
    public async Task SyntaxCheck_Errors_PrintsEveryDiagnosticSortedThenCountsAndExitsFour(CancellationToken ct)
    {
        using var dir = new ScratchDirectory(
            ("site.yml", "- hosts: webz\n  roles: [web]\n  tasks:\n    - servce: name=nginx\n    - debug: msg=\"{{ http_prot }}\"\n"),
            ("roles/web/tasks/main.yml", "- apt: nam=nginx\n"),
            ("inventory.yml", Inventory));

        var result = await ProvProcess.RunAsync(dir.Path, ct, "syntax-check", "site.yml", "-i", "inventory.yml");

        Assert.That(result.ExitCode, Is.EqualTo(4));
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "roles/web/tasks/main.yml:1:3: error: module `apt` needs one of `name`, `update_cache`, `autoremove`",
            "roles/web/tasks/main.yml:1:8: error: argument 'nam': unknown argument for module `apt`; did you mean `name`?",
            "site.yml:1:3: warning: host pattern 'webz' matches no host or group; ignoring it",
            "site.yml:4:7: error: unknown module 'servce' (did you mean 'service'?)",
            "site.yml:5:22: error: undefined variable 'http_prot' (did you mean 'http_port'?): define it in vars, role defaults, the inventory or with -e, or guard it with 'http_prot ?? fallback'",
            "4 errors, 1 warning",
        }));
    }

    [Test]
    public async Task SyntaxCheck_PathsInMessages_AreRelativeToTheWorkingDirectory(CancellationToken ct)
    {
        using var dir = new ScratchDirectory(("deploy/site.yml", "- hosts: all\n  tasks:\n    - servce: name=x\n"));

        var result = await ProvProcess.RunAsync(dir.Path, ct, "syntax-check", "deploy/site.yml");

        Assert.That(result.Stderr, Does.StartWith("deploy/site.yml:3:7: error: unknown module 'servce'"));
    }

    [Test]
    public async Task SyntaxCheck_WarningsOnly_ExitsZero(CancellationToken ct)
    {
        using var dir = new ScratchDirectory(("site.yml", "- hosts: db\n  tasks:\n    - debug: msg=hi\n"), ("inventory.yml", Inventory));

        var result = await ProvProcess.RunAsync(dir.Path, ct, "syntax-check", "site.yml", "-i", "inventory.yml");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stderr, Does.EndWith("0 errors, 1 warning\n"));
    }

    [Test]
    public async Task SyntaxCheck_ExtraVarsFromFileAndKeyValue_AreUsed(CancellationToken ct)
    {
        using var dir = new ScratchDirectory(
            ("site.yml", "- hosts: \"{{ target }}\"\n  tasks:\n    - debug: msg=\"{{ version }}\"\n"),
            ("vars.yml", "version: 2\n"),
            ("inventory.yml", Inventory));

        var result = await ProvProcess.RunAsync(dir.Path, ct, "syntax-check", "site.yml", "-i", "inventory.yml", "-e", "target=web", "-e", "@vars.yml");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
    }

    [Test]
    public async Task SyntaxCheck_ListTasks_PrintsTheOutline(CancellationToken ct)
    {
        using var dir = new ScratchDirectory(("site.yml", "- name: one\n  hosts: all\n  tasks:\n    - apt: name=nginx\n"));

        var result = await ProvProcess.RunAsync(dir.Path, ct, "syntax-check", "site.yml", "--list-tasks");

        Assert.That(result.Stdout, Is.EqualTo("play \"one\" hosts=all @site.yml:1:3\n  tasks\n    site.yml:4:7 apt {name: \"nginx\"}\n"));
    }

    [Test]
    public async Task SyntaxCheck_MissingPlaybook_ExitsFour(CancellationToken ct)
    {
        using var dir = new ScratchDirectory();

        var result = await ProvProcess.RunAsync(dir.Path, ct, "syntax-check", "nope.yml");

        Assert.That(result.ExitCode, Is.EqualTo(4));
        Assert.That(result.Stderr, Is.EqualTo("error: playbook 'nope.yml' not found\n1 error, 0 warnings\n"));
    }

    [Test]
    public async Task SyntaxCheck_HostileTemplateInHosts_EndsQuicklyWithAnError(CancellationToken ct)
    {
        using var dir = new ScratchDirectory(("site.yml", "- hosts: \"{{ while true; end }}\"\n  tasks: []\n"));

        var result = await ProvProcess.RunAsync(dir.Path, ct, "syntax-check", "site.yml");

        Assert.That(result.ExitCode, Is.EqualTo(4));
        Assert.That(result.Stderr, Does.Contain("site.yml:1:10: error: 'hosts' is evaluated before any host is contacted"));
    }
}
