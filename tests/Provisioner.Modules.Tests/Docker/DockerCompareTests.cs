using System.Text.Json;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Docker;
using Provisioner.Modules.Docker.Engine;

namespace Provisioner.Modules.Tests.Docker;

/// <summary>
/// cases/docker_container, docker_image, docker_network: <c>args</c> and the daemon's answers as JSON (inspect output
/// trimmed to what matters) → expected <c>diff</c>, or <c>error</c>; <c>settled_diff</c>: what remains after applying.
/// </summary>
public class DockerCompareTests
{
    private static readonly DockerJsonContext Json = DockerJsonContext.Default;

    private static IEnumerable<TestCaseData> ContainerCases() => CaseFile.For("docker_container");

    private static IEnumerable<TestCaseData> ImageCases() => CaseFile.For("docker_image");

    private static IEnumerable<TestCaseData> NetworkCases() => CaseFile.For("docker_network");

    [TestCaseSource(nameof(ContainerCases))]
    public void ContainerCompare_Case_GivesExpectedDiff(CaseFile c)
    {
        var module = new DockerContainerModule(new FakeDockerEngine());
        var args = module.Bind(new ModuleArgs(DockerContainerModule.Schema, c.Args, new NoResources()));
        Assert.That(module.Validate(args), Is.Empty);
        var state = new ContainerState(
            Parse(c, "container", Json.ContainerInspect),
            Parse(c, "container_image", Json.ImageInspect),
            Parse(c, "wanted_image", Json.ImageInspect),
            c.Data.GetValueOrDefault("registry_digest") as string);

        if (c.Data.GetValueOrDefault("error") is string error)
        {
            Assert.That(() => module.Compare(args, state), Throws.TypeOf<ModuleException>().With.Message.Contains(error));
            return;
        }

        Assert.That(CaseFile.Lines(module.Compare(args, state)), Is.EqualTo(CaseFile.Lines(c.ExpectedDiff)));
        if (c.Data.ContainsKey("settled_diff"))
        {
            var settled = new CaseFile(c.Name, new Dictionary<string, object?> { ["diff"] = c.Data["settled_diff"] });
            Assert.That(CaseFile.Lines(module.Compare(module.Settled(args), state)), Is.EqualTo(CaseFile.Lines(settled.ExpectedDiff)));
        }
    }

    [TestCaseSource(nameof(ImageCases))]
    public void ImageCompare_Case_GivesExpectedDiff(CaseFile c)
    {
        var module = new DockerImageModule(new FakeDockerEngine(), Untouched.FileSystem);
        var args = module.Bind(new ModuleArgs(DockerImageModule.Schema, c.Args, new NoResources()));
        Assert.That(module.Validate(args), Is.Empty);
        var archive = c.Map("archive") is { Count: > 0 } a
            ? new ImageArchive((string)a["id"]!, (a.GetValueOrDefault("tags") as IReadOnlyList<object?> ?? []).Cast<string>().ToList())
            : null;
        var state = new ImageState(Parse(c, "image", Json.ImageInspect), archive, c.Data.GetValueOrDefault("registry_digest") as string);

        Assert.That(CaseFile.Lines(module.Compare(args, state)), Is.EqualTo(CaseFile.Lines(c.ExpectedDiff)));
    }

    [TestCaseSource(nameof(NetworkCases))]
    public void NetworkCompare_Case_GivesExpectedDiff(CaseFile c)
    {
        var module = new DockerNetworkModule(new FakeDockerEngine());
        var args = module.Bind(new ModuleArgs(DockerNetworkModule.Schema, c.Args, new NoResources()));
        Assert.That(module.Validate(args), Is.Empty);

        Assert.That(CaseFile.Lines(module.Compare(args, Parse(c, "network", Json.NetworkInspect))), Is.EqualTo(CaseFile.Lines(c.ExpectedDiff)));
    }

    [Test]
    public void ContainerValidate_BadPortsVolumesEnvAndName_ReportsEveryError()
    {
        var module = new DockerContainerModule(new FakeDockerEngine());
        var args = module.Bind(new ModuleArgs(DockerContainerModule.Schema, Args.Of(
            ("name", "-web"),
            ("image", "web:1"),
            ("ports", new List<object?> { "8080-8090:80", "70000:80", "80/icmp" }),
            ("volumes", new List<object?> { "/data", "data:relative" }),
            ("env", Args.Of(("DEBUG", true), ("A=B", "x")))), new NoResources()));

        var errors = module.Validate(args).Select(e => e.ToString()).ToList();

        Assert.That(errors, Is.EqualTo(new[]
        {
            "ports: '8080-8090:80': port ranges are not supported; list each port",
            "ports: '70000:80': ports are numbers from 1 to 65535",
            "ports: '80/icmp': protocol must be tcp, udp or sctp",
            "env: DEBUG: quote the value (\"true\", or \"yes\"/\"no\" as you meant it); YAML turned it into a boolean",
            "env: 'A=B' is not a variable name",
            "volumes: '/data': anonymous volumes are not supported; name the volume (data:/data) or give a host path",
            "volumes: 'data:relative': the target must be an absolute path in the container",
            "name: '-web' is not a container name (letters, digits, '_', '.', '-'; starting with a letter or digit)",
        }));
    }

    [Test]
    public void NetworkValidate_GatewayOutsideSubnet_IsRefused()
    {
        var module = new DockerNetworkModule(new FakeDockerEngine());

        var errors = module.Validate(new NetworkArgs("shop", true, "bridge", "172.30.0.0/24", "172.31.0.1", false));

        Assert.That(errors.Single().ToString(), Is.EqualTo("gateway: 172.31.0.1 is not inside 172.30.0.0/24"));
    }

    private static T? Parse<T>(CaseFile c, string key, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class =>
        c.Data.GetValueOrDefault(key) is string json ? JsonSerializer.Deserialize(json, type) : null;
}
