using System.Text;
using Provisioner.Core.Diagnostics;
using Provisioner.Language.Tests.Playbooks;
using Provisioner.Language.Validation;
using Provisioner.Modules;

namespace Provisioner.Language.Tests.Validation;

public class PlaybookValidatorTests
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Validate_FiftyMegabytePlaybook_IsRefusedBySizeWithoutReadingIt(CancellationToken ct)
    {
        using var playbook = new TempPlaybook("- hosts: all\n");
        var path = Path.Combine(playbook.Root, "site.yml");
        await using (var file = File.Create(path))
        {
            var line = Encoding.UTF8.GetBytes("- hosts: all\n  tasks:\n    - debug: msg=filler-filler-filler-filler\n");
            for (var written = 0L; written < 50L * 1024 * 1024; written += line.Length)
            {
                await file.WriteAsync(line, ct);
            }
        }

        var result = await Task.Run(playbook.Validate, ct).WaitAsync(ct);

        Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[] { "site.yml:1:1: error: file is 50.0 MiB; YAML files are limited to 8 MiB" }));
    }

    [Test]
    public void Validate_ErrorsInSeveralFiles_AreAllReportedSortedByPosition()
    {
        using var playbook = new TempPlaybook(
            "- hosts: all\n  roles: [web]\n  tasks:\n    - aptt: name=x\n    - debug: msg=ok\n      whn: true\n",
            ("roles/web/tasks/main.yml", "- servce: name=x\n"));

        var result = playbook.Validate();

        Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            "roles/web/tasks/main.yml:1:3: error: unknown module 'servce' (did you mean 'service'?)",
            "site.yml:4:7: error: unknown module 'aptt' (did you mean 'apt'?)",
            "site.yml:6:7: error: unknown task keyword 'whn' (did you mean 'when'?)",
        }));
        Assert.That(result.ErrorCount, Is.EqualTo(3));
    }

    [Test]
    public void Validate_NotifyByListenTopicOrRoleHandler_IsAccepted()
    {
        using var playbook = new TempPlaybook(
            "- hosts: all\n  roles: [web]\n  tasks:\n    - debug: msg=a\n      notify: [web restart, restart web]\n  handlers:\n    - name: h\n      listen: web restart\n      debug: msg=h\n",
            ("roles/web/handlers/main.yml", "- name: restart web\n  debug: msg=r\n"));

        Assert.That(playbook.Validate().Diagnostics, Is.Empty);
    }

    [Test]
    public void Validate_RoleHandlerOfAnotherPlay_IsNotVisible()
    {
        using var playbook = new TempPlaybook(
            "- hosts: all\n  roles: [web]\n- hosts: all\n  tasks:\n    - debug: msg=a\n      notify: restart web\n",
            ("roles/web/handlers/main.yml", "- name: restart web\n  debug: msg=r\n"));

        Assert.That(playbook.Validate().Diagnostics.Select(d => d.ToString()),
            Is.EqualTo(new[] { "site.yml:6:7: error: notify: no handler named 'restart web'; this play has no handlers" }));
    }

    [Test]
    public void Validate_TemplatedFileNames_AreNotLookedUp()
    {
        using var playbook = new TempPlaybook("- hosts: all\n  vars:\n    site: shop\n  tasks:\n    - template: src={{ site }}.sbn dest=/etc/x\n");

        Assert.That(playbook.Validate().Diagnostics, Is.Empty);
    }

    [Test]
    public void Validate_RegisteredAndLoopVariables_AreDefined()
    {
        using var playbook = new TempPlaybook(
            "- hosts: all\n  tasks:\n    - command: uptime\n      register: up\n    - debug: msg=\"{{ up.stdout }} {{ u }} {{ n }} {{ later }} {{ inventory_hostname }}\"\n      loop: [1]\n      loop_control: {loop_var: u, index_var: n}\n    - set_fact: later=1\n");

        Assert.That(playbook.Validate().Diagnostics, Is.Empty);
    }

    [Test]
    public void Validate_UndefinedVariableWithoutInventory_IsAWarning()
    {
        using var playbook = new TempPlaybook("- hosts: all\n  tasks:\n    - debug: msg=\"{{ port }}\"\n");

        var result = playbook.Validate();

        Assert.That(result.Diagnostics.Single().Severity, Is.EqualTo(Severity.Warning));
        Assert.That(result.HasErrors, Is.False);
    }

    [Test]
    public void Validate_ModuleArgumentError_IsLocatedAtTheArgument()
    {
        using var playbook = new TempPlaybook("- hosts: all\n  tasks:\n    - service:\n        name: nginx\n        state: runing\n");

        Assert.That(playbook.Validate().Diagnostics.Single().Location?.ToString(), Is.EqualTo("site.yml:5:9"));
    }

    [Test]
    public void SyntaxCheck_ExtraVars_DefineVariablesAndFeedHostsTemplates()
    {
        using var playbook = new TempPlaybook("- hosts: \"{{ group }}\"\n  tasks:\n    - debug: msg=\"{{ release }}\"\n", ("extra.yml", "release: 1.2\n"));

        var result = SyntaxCheck.Run(
            new SyntaxCheckRequest("site.yml") { BaseDirectory = playbook.Root, ExtraVars = ["group=db", "@extra.yml"] },
            ModuleCatalog.Schemas);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Playbook.Plays.Single().HostPattern, Is.EqualTo("db"));
    }

    [Test]
    public void Validate_TemplateAndCopySources_AreResolvedPerTask()
    {
        using var playbook = new TempPlaybook(
            "- hosts: all\n  roles: [web]\n  tasks:\n    - copy: src=motd dest=/etc/motd\n",
            ("roles/web/tasks/main.yml", "- template: src=site.sbn dest=/etc/site\n"),
            ("roles/web/templates/site.sbn", "ok\n"),
            ("files/motd", "hello\n"));

        var result = playbook.Validate();

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.SourceFiles.ToDictionary(e => e.Key.ToString(), e => Path.GetRelativePath(playbook.Root, e.Value)), Is.EqualTo(new Dictionary<string, string>
        {
            ["roles/web/tasks/main.yml:1:3"] = "roles/web/templates/site.sbn",
            ["site.yml:4:7"] = "files/motd",
        }));
        Assert.That(result.Templates.Select(t => Path.GetRelativePath(playbook.Root, t)), Is.EqualTo(new[] { "roles/web/templates/site.sbn" }));
    }
}
