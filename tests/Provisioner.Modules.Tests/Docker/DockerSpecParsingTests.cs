using Provisioner.Modules.Docker;
using Provisioner.Modules.Docker.Engine;

namespace Provisioner.Modules.Tests.Docker;

public class DockerSpecParsingTests
{
    [TestCase("8080:80", "", "8080", 80, "tcp", "8080:80/tcp")]
    [TestCase("127.0.0.1:8080:80/tcp", "127.0.0.1", "8080", 80, "tcp", "127.0.0.1:8080:80/tcp")]
    [TestCase("0.0.0.0:53:53/udp", "", "53", 53, "udp", "53:53/udp")]
    [TestCase("127.0.0.1::5432", "127.0.0.1", "", 5432, "tcp", "127.0.0.1::5432/tcp")]
    [TestCase("[::1]:8080:80", "::1", "8080", 80, "tcp", "[::1]:8080:80/tcp")]
    [TestCase("9000", "", "", 9000, "tcp", "9000/tcp")]
    public void PortSpecParse_Forms_AreNormalised(string text, string ip, string hostPort, int containerPort, string protocol, string canonical)
    {
        var port = PortSpec.TryParse(text, out var error);

        Assert.That(error, Is.Null);
        Assert.That(port, Is.EqualTo(new PortSpec(ip, hostPort, containerPort, protocol)));
        Assert.That(port!.ToString(), Is.EqualTo(canonical));
        Assert.That(PortSpec.TryParse(canonical, out _), Is.EqualTo(port), "the canonical form reads back");
    }

    [TestCase("/srv/www:/www:ro", "/srv/www:/www:ro")]
    [TestCase("/srv/www/:/www:rw", "/srv/www:/www")]
    [TestCase("pgdata:/var/lib/postgresql/data", "pgdata:/var/lib/postgresql/data")]
    [TestCase("/etc/app:/etc/app:ro,Z", "/etc/app:/etc/app:Z,ro")]
    public void VolumeSpecParse_Forms_AreNormalised(string text, string bind)
    {
        Assert.That(VolumeSpec.TryParse(text, out var error)?.Bind, Is.EqualTo(bind), error);
    }

    [TestCase("busybox", "latest", "busybox", "latest", null, "busybox:latest")]
    [TestCase("pretix/standalone:2024.10", "latest", "pretix/standalone", "2024.10", null, "pretix/standalone:2024.10")]
    [TestCase("registry.local:5000/shop/web", "7", "registry.local:5000/shop/web", "7", null, "registry.local:5000/shop/web:7")]
    [TestCase("redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "latest", "redis", null,
        "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void ImageReferenceParse_Forms_AreSplit(string name, string defaultTag, string repository, string? tag, string? digest, string full)
    {
        var reference = ImageReference.Parse(name, defaultTag);

        Assert.That(reference, Is.EqualTo(new ImageReference(repository, tag, digest)));
        Assert.That(reference!.Name, Is.EqualTo(full));
    }

    [TestCase("web/../../containers/x")]
    [TestCase("web?all=1")]
    [TestCase("web name")]
    [TestCase("redis@md5:abc")]
    [TestCase("")]
    public void ImageReferenceParse_NotAReference_IsNull(string name)
    {
        Assert.That(ImageReference.Parse(name), Is.Null);
    }
}
