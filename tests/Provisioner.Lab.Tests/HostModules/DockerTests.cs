using System.Text.Json.Nodes;
using Provisioner.Lab.Tests.EndToEnd;

namespace Provisioner.Lab.Tests.HostModules;

/// <summary>
/// Docker on a real Debian 12 host (the lab's third, app1), all through prov-agent: docker.io installed with apt and started with
/// service, an image loaded from an archive shipped in the plan, a container run with a published port that answers
/// from this machine, recreated exactly when its env changes, removed; check mode predicts and changes nothing.
/// </summary>
[TestFixture]
[Category("Lab")]
[Parallelizable(ParallelScope.Self)]
public sealed class DockerTests
{
    private const string Image = "prov-test/busybox:1";
    private const int HostPort = 8080;

    private LabHost _host = null!;
    private string _work = null!;
    private BusyboxImage.Archive? _archive;

    [OneTimeSetUp]
    public async Task InstallTheAgentOnTheThirdHost()
    {
        var lab = await SharedLab.GetAsync();
        _host = new LabHost(lab.State.Hosts[2]);
        await SharedLab.ClaimBareAsync(nameof(DockerTests), _host.Name);
        _work = Directory.CreateTempSubdirectory("prov-lab-docker-").FullName;
        await _host.InstallAgentAsync();
    }

    [OneTimeTearDown]
    public void RemoveWorkDirectory() => Directory.Delete(_work, recursive: true);

    [Test]
    [Order(1)]
    public async Task Engine_InstalledWithAptAndStartedWithService()
    {
        var plan = new Plan(_host.Name, "docker")
            .Task("install docker", "apt", new JsonObject { ["name"] = "docker.io", ["update_cache"] = true, ["cache_valid_time"] = 3600 })
            .Task("docker running", "service", new JsonObject { ["name"] = "docker", ["state"] = "started", ["enabled"] = true });

        var run = await _host.RunAsync(plan, timeout: TimeSpan.FromMinutes(10));

        Assert.That((run.ExitCode, run["install docker"].Status), Is.EqualTo((0, "changed")), run.Output);
        Assert.That(run["docker running"].Status, Is.AnyOf("ok", "changed"), run.Output);
        Assert.That(await _host.MustAsync("docker version --format '{{.Server.APIVersion}}'"), Does.Match(@"^1\.\d+$"));
    }

    [Test]
    [Order(2)]
    public async Task Image_LoadedFromAnArchiveShippedInThePlan_CheckModePredictsThenOnceThenNoChange()
    {
        _archive = await BusyboxImage.BuildAsync(_host, _work, Image);
        var plan = ImagePlan();

        // Check mode copies nothing, so the archive must be on the host for the load to be predicted.
        var shipped = await _host.RunAsync(ShipPlan());
        var predicted = await _host.RunAsync(plan, check: true);
        var (inspected, _) = await _host.Ssh($"docker image inspect {Image}");
        var loaded = await _host.RunAsync(plan);
        var again = await _host.RunAsync(plan);

        Assert.That((shipped.ExitCode, shipped["ship archive"].Status), Is.EqualTo((0, "changed")), shipped.Output);
        Assert.That((predicted.ExitCode, predicted["load image"].Status), Is.EqualTo((0, "changed")), predicted.Output);
        Assert.That(inspected, Is.Not.Zero, "check mode loaded the image");
        Assert.That((loaded.ExitCode, loaded["ship archive"].Status, loaded["load image"].Status), Is.EqualTo((0, "ok", "changed")), loaded.Output);
        Assert.That(loaded["load image"].Diff, Is.EqualTo(new[] { "state: absent → present" }).And.EqualTo(predicted["load image"].Diff));
        Assert.That(await _host.MustAsync($"docker image inspect --format '{{{{.Id}}}}' {Image}"), Is.EqualTo(_archive.Id));
        Assert.That((again.ExitCode, again["ship archive"].Status, again["load image"].Status), Is.EqualTo((0, "ok", "ok")), again.Output);
    }

    [Test]
    [Order(3)]
    public async Task Image_PullWithoutARegistry_FailsSayingWhatToDo()
    {
        var run = await _host.RunAsync(new Plan(_host.Name, "docker").Task("pull", "docker_image", new JsonObject { ["name"] = "prov-test/nowhere", ["tag"] = "1" }));

        Assert.That((run.ExitCode, run["pull"].Status), Is.EqualTo((2, "failed")), run.Output);
        Assert.That(run["pull"].Message, Does.StartWith("pulling image prov-test/nowhere:1: ").And.Contain("use source: load with load_path"));
    }

    [Test]
    [Order(4)]
    public async Task Container_RunWithPublishedPort_AnswersAndSecondRunChangesNothing()
    {
        var plan = ContainerPlan("hello");

        var first = await _host.RunAsync(plan);
        var second = await _host.RunAsync(plan);

        Assert.That((first.ExitCode, first["network"].Status, first["web"].Status), Is.EqualTo((0, "changed", "changed")), first.Output);
        Assert.That(first["web"].Diff, Is.EqualTo(new[] { "state: absent → running" }));
        Assert.That(await GetAsync("/"), Is.EqualTo(BusyboxImage.Page));
        Assert.That(await GetAsync("/cgi-bin/greeting"), Is.EqualTo("hello\n"));
        Assert.That((second.ExitCode, second["network"].Status, second["web"].Status), Is.EqualTo((0, "ok", "ok")), second.Output);
        Assert.That(await _host.MustAsync("docker inspect --format '{{.HostConfig.RestartPolicy.Name}} {{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}' web"), Is.EqualTo("unless-stopped prov-test-net"));
    }

    [Test]
    [Order(5)]
    public async Task Container_EnvChanged_CheckModePredictsThenRecreatesWithANewId()
    {
        var before = await ContainerId();
        var plan = ContainerPlan("bye");

        var predicted = await _host.RunAsync(plan, check: true);
        var afterCheck = await ContainerId();
        var recreated = await _host.RunAsync(plan);
        var again = await _host.RunAsync(plan);

        Assert.That((predicted["web"].Status, predicted["network"].Status), Is.EqualTo(("changed", "ok")), predicted.Output);
        Assert.That(predicted["web"].Diff, Is.EqualTo(new[] { "env: GREETING=hello → GREETING=bye" }));
        Assert.That(afterCheck, Is.EqualTo(before), "check mode recreated the container");
        Assert.That((recreated.ExitCode, recreated["web"].Status), Is.EqualTo((0, "changed")), recreated.Output);
        Assert.That(recreated["web"].Diff, Is.EqualTo(predicted["web"].Diff));
        Assert.That(await ContainerId(), Is.Not.EqualTo(before));
        Assert.That(await GetAsync("/cgi-bin/greeting"), Is.EqualTo("bye\n"));
        Assert.That(again["web"].Status, Is.EqualTo("ok"), again.Output);
    }

    [Test]
    [Order(6)]
    public async Task Container_Absent_CheckModePredictsThenRemovesItAndTheNetwork()
    {
        var plan = new Plan(_host.Name, "docker")
            .Task("web", "docker_container", new JsonObject { ["name"] = "web", ["state"] = "absent" })
            .Task("network", "docker_network", new JsonObject { ["name"] = "prov-test-net", ["state"] = "absent" });

        var predicted = await _host.RunAsync(plan, check: true);
        var stillThere = await ContainerId();
        var removed = await _host.RunAsync(plan);
        var again = await _host.RunAsync(plan);

        Assert.That((predicted["web"].Status, predicted["network"].Status), Is.EqualTo(("changed", "changed")), predicted.Output);
        Assert.That(stillThere, Is.Not.Empty, "check mode removed the container");
        Assert.That((removed.ExitCode, removed["web"].Status, removed["network"].Status), Is.EqualTo((0, "changed", "changed")), removed.Output);
        Assert.That(removed["web"].Diff, Is.EqualTo(new[] { "state: running → absent" }));
        Assert.That(await _host.MustAsync("docker ps --all --quiet --filter name=^web$"), Is.Empty);
        Assert.That(await _host.MustAsync("docker network ls --quiet --filter name=^prov-test-net$"), Is.Empty);
        Assert.That((again["web"].Status, again["network"].Status), Is.EqualTo(("ok", "ok")), again.Output);
    }

    private Plan ShipPlan() => new Plan(_host.Name, "docker")
        .File("files/busybox.tar", _archive!.Bytes)
        .Task("ship archive", "copy", new JsonObject { ["src"] = "files/busybox.tar", ["dest"] = "/root/busybox.tar", ["mode"] = "0644" });

    private Plan ImagePlan() => ShipPlan()
        .Task("load image", "docker_image", new JsonObject { ["name"] = "prov-test/busybox", ["tag"] = "1", ["source"] = "load", ["load_path"] = "/root/busybox.tar" });

    private Plan ContainerPlan(string greeting) => new Plan(_host.Name, "docker")
        .Task("network", "docker_network", new JsonObject { ["name"] = "prov-test-net", ["subnet"] = "172.30.77.0/24" })
        .Task("web", "docker_container", new JsonObject
        {
            ["name"] = "web",
            ["image"] = Image,
            ["ports"] = new JsonArray($"{HostPort}:80"),
            ["env"] = new JsonObject { ["GREETING"] = greeting },
            ["networks"] = new JsonArray("prov-test-net"),
            ["restart_policy"] = "unless-stopped",
            ["command"] = new JsonArray("/bin/busybox", "httpd", "-f", "-p", "80", "-h", "/www"),
        });

    private async Task<string> ContainerId() => (await _host.Ssh("docker inspect --format '{{.Id}}' web")).Output.Trim();

    /// <summary>From this machine to the host's published port; the server may need a moment after the start.</summary>
    private async Task<string> GetAsync(string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = $"http://{_host.Address}:{HostPort}{path}";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await http.GetStringAsync(url);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }
}
