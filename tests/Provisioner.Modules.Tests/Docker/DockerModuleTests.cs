using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Docker;
using Provisioner.Modules.Running;

namespace Provisioner.Modules.Tests.Docker;

/// <summary>The docker modules driven by the real engine loop against an in-memory daemon.</summary>
public class DockerModuleTests
{
    private const string ImageId = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    [Test]
    public async Task Container_CreateThenChangeEnv_RecreatesOnlyWhenAskedForSomethingElse()
    {
        var docker = new FakeDockerEngine();
        docker.AddImage("web:1", ImageId, "PATH=/bin");
        var runner = ModuleRunners.State(new DockerContainerModule(docker));
        var hello = Args.Of(("name", "web"), ("image", "web:1"), ("ports", new List<object?> { "8080:80" }), ("env", Args.Of(("GREETING", "hello"))));
        var bye = Args.Of(("name", "web"), ("image", "web:1"), ("ports", new List<object?> { "8080:80" }), ("env", Args.Of(("GREETING", "bye"))));

        var created = await Run(runner, hello);
        var firstId = docker.Containers["web"].Id;
        var again = await Run(runner, hello);
        var predicted = await Run(runner, bye, check: true);
        var idAfterCheck = docker.Containers["web"].Id;
        var recreated = await Run(runner, bye);

        Assert.That((created.Changed, created.Failed, again.Changed), Is.EqualTo((true, false, false)), created.Message);
        Assert.That(CaseFile.Lines(created.Diff), Is.EqualTo(new[] { "state: absent → running" }));
        Assert.That((predicted.Changed, idAfterCheck), Is.EqualTo((true, firstId)), "check mode recreated the container");
        Assert.That((recreated.Changed, recreated.Failed), Is.EqualTo((true, false)), recreated.Message);
        Assert.That(CaseFile.Lines(recreated.Diff), Is.EqualTo(new[] { "env: GREETING=hello → GREETING=bye" }));
        Assert.That(recreated.Diff, Is.EqualTo(predicted.Diff));
        Assert.That(docker.Containers["web"].Id, Is.Not.EqualTo(firstId));
        Assert.That(docker.Containers["web"].Config!.Env, Does.Contain("GREETING=bye").And.Contain("PATH=/bin"));
        Assert.That(docker.Calls, Is.EqualTo(new[] { "create web", "start web", "stop web", "remove web", "create web", "start web" }));
        var returned = (IReadOnlyDictionary<string, object?>)recreated.Returns["container"]!;
        Assert.That(returned["id"], Is.EqualTo(docker.Containers["web"].Id));
    }

    [Test]
    public async Task Container_StoppedThenStartedThenAbsent_StartsAndRemoves()
    {
        var docker = new FakeDockerEngine();
        docker.AddImage("web:1", ImageId);
        var runner = ModuleRunners.State(new DockerContainerModule(docker));

        var stopped = await Run(runner, Args.Of(("name", "web"), ("image", "web:1"), ("state", "stopped")));
        var started = await Run(runner, Args.Of(("name", "web"), ("image", "web:1")));
        var absent = await Run(runner, Args.Of(("name", "web"), ("state", "absent")));
        var absentAgain = await Run(runner, Args.Of(("name", "web"), ("state", "absent")));

        Assert.That(new[] { stopped.Changed, started.Changed, absent.Changed, absentAgain.Changed }, Is.EqualTo(new[] { true, true, true, false }));
        Assert.That(CaseFile.Lines(started.Diff), Is.EqualTo(new[] { "state: created → running" }));
        Assert.That(docker.Calls, Is.EqualTo(new[] { "create web", "start web", "stop web", "remove web" }));
    }

    [Test]
    public async Task Container_SeveralNetworks_CreatedOnTheFirstAndConnectedToTheRest()
    {
        var docker = new FakeDockerEngine();
        docker.AddImage("web:1", ImageId);
        var runner = ModuleRunners.State(new DockerContainerModule(docker));
        var args = Args.Of(("name", "web"), ("image", "web:1"), ("networks", new List<object?> { "front", "back" }));

        var first = await Run(runner, args);
        var second = await Run(runner, args);

        Assert.That((first.Changed, first.Failed, second.Changed), Is.EqualTo((true, false, false)), first.Message);
        Assert.That(docker.Calls, Is.EqualTo(new[] { "create web", "connect web back", "start web" }));
    }

    [Test]
    public async Task Container_ImageNotOnHostAndNoRegistry_FailsSayingHowToLoadIt()
    {
        var docker = new FakeDockerEngine();
        var runner = ModuleRunners.State(new DockerContainerModule(docker));

        var outcome = await Run(runner, Args.Of(("name", "web"), ("image", "web:2")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.StartWith("image web:2 is not on this host and pulling it failed: pulling image web:2: Get ")
            .And.Contain("docker_image with source: load"));
        Assert.That(docker.Containers, Is.Empty);
    }

    [Test]
    public async Task Image_LoadFromArchive_LoadsTagsAndThenIsOk()
    {
        using var scratch = new Scratch();
        var archive = scratch["web.tar"];
        var config = TestArchives.WriteDockerSave(archive, "web:1");
        var docker = new FakeDockerEngine();
        var catalog = TestCatalog.Real();
        var runner = ModuleRunners.State(new DockerImageModule(docker, new Provisioner.Modules.Seams.LocalFileSystem(new Provisioner.Modules.Seams.ProcessRunner(TimeProvider.System))));
        var args = Args.Of(("name", "web"), ("tag", "1"), ("source", "load"), ("load_path", archive));

        var predicted = await Run(runner, args, check: true);
        var loaded = await Run(runner, args);
        var again = await Run(runner, args);

        Assert.That(catalog.IsImplemented("docker_image"), Is.True);
        Assert.That((predicted.Changed, loaded.Changed, loaded.Failed, again.Changed), Is.EqualTo((true, true, false, false)), loaded.Message);
        Assert.That(loaded.Diff, Is.EqualTo(predicted.Diff));
        Assert.That(docker.Calls, Is.EqualTo(new[] { "load", $"tag {config.Id[7..19]} web:1" }));
        Assert.That(docker.LoadedBytes, Is.EqualTo(File.ReadAllBytes(archive)));
        Assert.That(((IReadOnlyDictionary<string, object?>)again.Returns["image"]!)["id"], Is.EqualTo(config.Id));
    }

    [Test]
    public async Task Image_PullWithoutRegistry_FailsSayingSo()
    {
        var docker = new FakeDockerEngine();
        var runner = ModuleRunners.State(new DockerImageModule(docker, Untouched.FileSystem));

        var outcome = await Run(runner, Args.Of(("name", "redis"), ("tag", "7.2")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.StartWith("pulling image redis:7.2: Get \"https://registry-1.docker.io/v2/\"")
            .And.EndWith("ship the image as an archive (`docker save`) and use source: load with load_path."));
    }

    [Test]
    public async Task Network_CreateThenChangeSubnet_RecreatesUnlessContainersAreAttached()
    {
        var docker = new FakeDockerEngine();
        var runner = ModuleRunners.State(new DockerNetworkModule(docker));

        var created = await Run(runner, Args.Of(("name", "shop"), ("subnet", "172.30.0.0/24")));
        var again = await Run(runner, Args.Of(("name", "shop"), ("subnet", "172.30.0.0/24")));
        var moved = await Run(runner, Args.Of(("name", "shop"), ("subnet", "172.31.0.0/24")));
        docker.Networks["shop"] = docker.Networks["shop"] with { Containers = new Dictionary<string, Provisioner.Modules.Docker.Engine.NetworkContainer> { ["c1"] = new("web") } };
        var refused = await Run(runner, Args.Of(("name", "shop"), ("subnet", "172.30.0.0/24")));

        Assert.That((created.Changed, again.Changed, moved.Changed, moved.Failed), Is.EqualTo((true, false, true, false)), moved.Message);
        Assert.That(CaseFile.Lines(moved.Diff), Is.EqualTo(new[] { "subnet: 172.30.0.0/24 → 172.31.0.0/24" }));
        Assert.That(refused.Failed, Is.True);
        Assert.That(refused.Message, Does.Contain("network shop must be created again (subnet differ), but containers are attached to it: web"));
        Assert.That(docker.Calls, Is.EqualTo(new[] { "network create shop", "network rm shop", "network create shop" }));
    }

    private static Task<ModuleOutcome> Run(IModuleRunner runner, IReadOnlyDictionary<string, object?> args, bool check = false) =>
        runner.RunAsync(new ModuleArgs(runner.Schema, args, new NoResources()), check, CancellationToken.None);
}
