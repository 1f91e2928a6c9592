// Role docker: daemon.json rendered for an app host is the configuration Docker expects.
using System.Text.Json;
using Provisioner.Site.Tests.Support;

namespace Provisioner.Site.Tests.Playbooks.Roles;

public sealed class DockerTests
{
    [Test]
    public void DaemonJson_Rendered_SetsTheBridgeLogRotationAndLiveRestore()
    {
        var site = SiteModel.Load();
        using var inventory = SiteInventory.Create(TestSecrets.Generate());
        var app1 = SiteHost.For(site, inventory.Inventory, "app1", site.PlayOf("docker"));

        using var json = JsonDocument.Parse(app1.Render("docker", "daemon.json.sbn"));
        var root = json.RootElement;
        Assert.That(root.GetProperty("bip").GetString(), Is.EqualTo("172.30.0.1/24"), "gateway address with the bridge network's prefix");
        Assert.That(root.GetProperty("log-driver").GetString(), Is.EqualTo("json-file"));
        Assert.That(root.GetProperty("log-opts").GetProperty("max-size").GetString(), Is.EqualTo("10m"));
        Assert.That(root.GetProperty("log-opts").GetProperty("max-file").GetString(), Is.EqualTo("3"), "Docker wants log-opts as strings");
        Assert.That(root.GetProperty("live-restore").GetBoolean(), Is.True);
    }
}
