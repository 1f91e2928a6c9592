using System.Net;
using Provisioner.Modules.Docker;
using Provisioner.Modules.Docker.Engine;

namespace Provisioner.Modules.Tests.Docker;

/// <summary>The Engine API client over a real unix socket, against a server answering like the Docker daemon.</summary>
public class DockerEngineClientTests
{
    private Scratch _scratch = null!;

    [SetUp]
    public void SetUp() => _scratch = new Scratch();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public async Task InspectContainer_Found_ReadsTheAnswerFromTheVersionedPath()
    {
        await using var server = Serve(_ => new(200, """{"Id":"abc123","Name":"/web","Image":"sha256:11","State":{"Status":"running","Running":true},"Config":{"Env":["A=1"]},"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]}}}"""));
        using var client = new DockerEngineClient(server.SocketPath);

        var container = await client.InspectContainerAsync("web", CancellationToken.None);

        Assert.That(server.Requests.Single() is { Method: "GET", Target: "/v1.41/containers/web/json" }, Is.True, server.Requests.Single().ToString());
        Assert.That(container!.State!.Running, Is.True);
        Assert.That(PortSpec.FromBindings(container.HostConfig!.PortBindings).Single().ToString(), Is.EqualTo("8080:80/tcp"));
    }

    [Test]
    public async Task InspectContainer_NotFoundOrOnlyAnIdPrefix_IsNull()
    {
        await using var server = Serve(r => r.Target.Contains("/missing/", StringComparison.Ordinal)
            ? new(404, """{"message":"No such container: missing"}""")
            : new(200, """{"Id":"webby0123","Name":"/other","Image":"sha256:11"}"""));
        using var client = new DockerEngineClient(server.SocketPath);

        Assert.That(await client.InspectContainerAsync("missing", CancellationToken.None), Is.Null);
        Assert.That(await client.InspectContainerAsync("webby", CancellationToken.None), Is.Null, "an id prefix is not the container named so");
    }

    [Test]
    public async Task CreateContainer_SendsPascalCaseJsonWithoutNulls()
    {
        await using var server = Serve(_ => new(201, """{"Id":"abc123","Warnings":[]}"""));
        using var client = new DockerEngineClient(server.SocketPath);
        var args = ContainerArgs.From("web", "web:1", "started", ["127.0.0.1:8080:80"], null, ["/srv:/srv:ro"], null, "always", null, false, false);

        var id = await client.CreateContainerAsync("web", DockerContainerModule.CreateRequest(args, "web:1"), CancellationToken.None);

        var request = server.Requests.Single();
        Assert.That((id, request.Method, request.Target), Is.EqualTo(("abc123", "POST", "/v1.41/containers/create?name=web")));
        Assert.That(request.Body, Is.EqualTo(
            """{"Image":"web:1","ExposedPorts":{"80/tcp":{}},"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}]},"Binds":["/srv:/srv:ro"],"RestartPolicy":{"Name":"always","MaximumRetryCount":0}}}"""));
        Assert.That(request.Headers["content-type"], Does.StartWith("application/json"));
    }

    [Test]
    public async Task Refused_Conflict_CarriesTheDaemonsMessageAndStatus()
    {
        await using var server = Serve(_ => new(409, """{"message":"Conflict. The container name \"/web\" is already in use by container \"abc\"."}"""));
        using var client = new DockerEngineClient(server.SocketPath);

        var error = Assert.ThrowsAsync<DockerEngineException>(() => client.CreateContainerAsync("web", new ContainerCreateRequest { Image = "web:1" }, CancellationToken.None));

        Assert.That(error!.Status, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(error.Message, Is.EqualTo("creating container web: the Docker daemon refused (409): Conflict. The container name \"/web\" is already in use by container \"abc\"."));
    }

    [Test]
    public async Task StartAndStop_AlreadyInThatState_AreFine()
    {
        await using var server = Serve(_ => new(304));
        using var client = new DockerEngineClient(server.SocketPath);

        await client.StartContainerAsync("abc", CancellationToken.None);
        await client.StopContainerAsync("abc", CancellationToken.None);

        Assert.That(server.Requests.Select(r => $"{r.Method} {r.Target}"), Is.EqualTo(new[] { "POST /v1.41/containers/abc/start", "POST /v1.41/containers/abc/stop?t=10" }));
    }

    [Test]
    public async Task Pull_ErrorInTheProgressStream_FailsWithIt()
    {
        await using var server = Serve(_ => new(200, "{\"status\":\"Pulling from library/redis\",\"id\":\"7.2\"}\r\n{\"errorDetail\":{\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\": dial tcp: lookup registry-1.docker.io: no such host\"},\"error\":\"Get ...\"}\r\n"));
        using var client = new DockerEngineClient(server.SocketPath);

        var error = Assert.ThrowsAsync<DockerEngineException>(() => client.PullImageAsync(ImageReference.Parse("redis:7.2")!, CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("pulling image redis:7.2: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host"));
        Assert.That(server.Requests.Single().Target, Is.EqualTo("/v1.41/images/create?fromImage=redis&tag=7.2"));
    }

    [Test]
    public async Task Load_Archive_IsSentAsTheBody()
    {
        await using var server = Serve(_ => new(200, "{\"stream\":\"Loaded image: web:1\\n\"}\r\n"));
        using var client = new DockerEngineClient(server.SocketPath);

        await client.LoadImageAsync(new MemoryStream("tar bytes"u8.ToArray()), CancellationToken.None);

        var request = server.Requests.Single();
        Assert.That((request.Method, request.Target, request.Body, request.Headers["content-type"]), Is.EqualTo(("POST", "/v1.41/images/load?quiet=1", "tar bytes", "application/x-tar")));
    }

    [Test]
    public void AnyCall_NoDaemon_SaysWhereItLookedAndWhatToDo()
    {
        using var client = new DockerEngineClient(_scratch["docker.sock"]);

        var error = Assert.ThrowsAsync<DockerEngineException>(() => client.InspectImageAsync("web:1", CancellationToken.None));

        Assert.That(error!.Status, Is.Null);
        Assert.That(error.Message, Does.StartWith($"inspecting image web:1: cannot reach the Docker daemon at {_scratch["docker.sock"]} (")
            .And.EndWith("Install Docker (apt: docker.io) and start it (service: name=docker state=started) before this task."));
    }

    private UnixHttpServer Serve(Func<UnixHttpServer.Request, UnixHttpServer.Response> handler) => new(_scratch["docker.sock"], handler);
}
