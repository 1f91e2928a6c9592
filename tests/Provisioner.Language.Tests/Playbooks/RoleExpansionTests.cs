using Provisioner.Core.Playbooks;

namespace Provisioner.Language.Tests.Playbooks;

public class RoleExpansionTests
{
    [Test]
    public void Expand_Dependencies_RunFirstAndOnce()
    {
        using var playbook = new TempPlaybook(
            "- hosts: all\n  roles: [web, db]\n",
            ("roles/web/meta/main.yml", "dependencies: [common]\n"),
            ("roles/db/meta/main.yml", "dependencies: [common]\n"),
            ("roles/common/tasks/main.yml", "- debug: msg=c\n"));
        var loaded = playbook.Load();

        var order = RoleExpansion.Expand(loaded.Playbook.Plays.Single(), loaded.Playbook.Roles);

        Assert.That(order.Select(a => a.Role.Name), Is.EqualTo(new[] { "common", "web", "db" }));
        Assert.That(order[0].Via.Select(r => r.Name), Is.EqualTo(new[] { "web" }));
    }

    [Test]
    public void Expand_SameRoleWithOtherParameters_RunsAgain()
    {
        using var playbook = new TempPlaybook(
            "- hosts: all\n  roles:\n    - { role: site, port: 80 }\n    - { role: site, port: 81 }\n    - { role: site, port: 80 }\n",
            ("roles/site/tasks/main.yml", "- debug: msg={{ port }}\n"));
        var loaded = playbook.Load();

        var order = RoleExpansion.Expand(loaded.Playbook.Plays.Single(), loaded.Playbook.Roles);

        Assert.That(order.Select(a => a.Ref.Vars["port"]), Is.EqualTo(new object[] { 80L, 81L }));
    }

    [Test]
    public void Expand_AllowDuplicates_RunsEveryTime()
    {
        using var playbook = new TempPlaybook(
            "- hosts: all\n  roles: [tick, tick]\n",
            ("roles/tick/meta/main.yml", "allow_duplicates: true\n"),
            ("roles/tick/tasks/main.yml", "- debug: msg=tick\n"));
        var loaded = playbook.Load();

        Assert.That(RoleExpansion.Expand(loaded.Playbook.Plays.Single(), loaded.Playbook.Roles), Has.Count.EqualTo(2));
    }
}
