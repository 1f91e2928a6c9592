using Provisioner.Language.Yaml;
using Provisioner.Lab.Inventory;
using Provisioner.Lab.State;

namespace Provisioner.Lab.Tests.Inventory;

public sealed class InventoryWriterTests
{
    private static readonly LabHostRecord[] Hosts =
    [
        new("lb1", "lb", "10.213.77.11", "provlab-x-lb1", null),
        new("app1", "app", "10.213.77.12", "provlab-x-app1", null),
        new("lb2", "lb", "10.213.77.13", "provlab-x-lb2", null),
    ];

    [Test]
    public void Write_Hosts_GroupsThemUnderAllChildrenWithAnsibleAliases()
    {
        var text = InventoryWriter.Write("abcd1234", Hosts, "/s/id_ed25519", "/s/known_hosts");

        var root = (YMapping)YamlLoader.LoadText(text, "inventory.yml")!;
        var all = (YMapping)root["all"]!;
        var children = (YMapping)all["children"]!;
        Assert.That(children.Entries.Select(e => e.Key.Text), Is.EqualTo(new[] { "lb", "app" }));
        var lbHosts = (YMapping)((YMapping)children["lb"]!)["hosts"]!;
        Assert.That(lbHosts.Entries.Select(e => e.Key.Text), Is.EqualTo(new[] { "lb1", "lb2" }));
        var lb2 = (YMapping)lbHosts["lb2"]!;
        Assert.That(Scalar(lb2, "address"), Is.EqualTo("10.213.77.13"));
        Assert.That(Scalar(lb2, "user"), Is.EqualTo("root"));
        Assert.That(Scalar(lb2, "port"), Is.EqualTo(22L));
        Assert.That(Scalar(lb2, "ansible_host"), Is.EqualTo("10.213.77.13"));
        Assert.That(Scalar(lb2, "ansible_user"), Is.EqualTo("root"));
    }

    [Test]
    public void Write_Paths_AppearInAllVarsForProvAndAnsible()
    {
        var text = InventoryWriter.Write("abcd1234", Hosts, "/s/id_ed25519", "/s/known_hosts");

        var vars = (YMapping)((YMapping)((YMapping)YamlLoader.LoadText(text, "i.yml")!)["all"]!)["vars"]!;
        Assert.That(Scalar(vars, "ssh_private_key_file"), Is.EqualTo("/s/id_ed25519"));
        Assert.That(Scalar(vars, "ssh_known_hosts_file"), Is.EqualTo("/s/known_hosts"));
        Assert.That(Scalar(vars, "ansible_ssh_private_key_file"), Is.EqualTo("/s/id_ed25519"));
        Assert.That(Scalar(vars, "ansible_ssh_common_args"), Is.EqualTo("-o UserKnownHostsFile=/s/known_hosts -o StrictHostKeyChecking=yes"));
    }

    [Test]
    public void Write_PathWithQuotesAndSpaces_StaysOneYamlString()
    {
        var odd = "/tmp/my \"lab\"/yes: no/known_hosts";

        var text = InventoryWriter.Write("abcd1234", Hosts, "/k", odd);

        var vars = (YMapping)((YMapping)((YMapping)YamlLoader.LoadText(text, "i.yml")!)["all"]!)["vars"]!;
        Assert.That(Scalar(vars, "ssh_known_hosts_file"), Is.EqualTo(odd));
        Assert.That(Scalar(vars, "ansible_ssh_common_args"), Does.Contain("UserKnownHostsFile='/tmp/my \"lab\"/yes: no/known_hosts'"));
    }

    [Test]
    public void Write_SameInput_IsByteForByteStable()
    {
        Assert.That(
            InventoryWriter.Write("abcd1234", Hosts, "/k", "/h"),
            Is.EqualTo(InventoryWriter.Write("abcd1234", Hosts, "/k", "/h")));
    }

    private static object? Scalar(YMapping map, string key) => ((YScalar)map[key]!).Value;
}
