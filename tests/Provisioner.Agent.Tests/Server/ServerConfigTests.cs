using Provisioner.Agent.Server;

namespace Provisioner.Agent.Tests.Server;

public sealed class ServerConfigTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("prov-config-tests-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Load_EmptyObject_Defaults()
    {
        var config = ServerConfig.Load(Write("{}"));

        Assert.Multiple(() =>
        {
            Assert.That(config.Listen, Is.EqualTo("0.0.0.0"));
            Assert.That(config.Port, Is.EqualTo(7443));
            Assert.That(config.CaCertificate, Is.EqualTo("/etc/prov/ca.crt"));
            Assert.That(config.Certificate, Is.EqualTo("/etc/prov/agent.crt"));
            Assert.That(config.Key, Is.EqualTo("/etc/prov/agent.key"));
            Assert.That(config.RevocationList, Is.EqualTo("/etc/prov/revoked.crl"));
            Assert.That(config.StateDir, Is.EqualTo("/var/lib/prov-agent"));
            Assert.That(config.LogLevel, Is.EqualTo("information"));
        });
    }

    [Test]
    public void Load_RelativePaths_ResolvedAgainstTheConfigDirectory()
    {
        var config = ServerConfig.Load(Write("""{ "certificate": "agent.crt", "state_dir": "../state", "revocation_list": null }"""));

        Assert.Multiple(() =>
        {
            Assert.That(config.Certificate, Is.EqualTo(Path.Combine(_dir, "agent.crt")));
            Assert.That(config.StateDir, Is.EqualTo(Path.GetFullPath(Path.Combine(_dir, "..", "state"))));
            Assert.That(config.RevocationList, Is.Null);
        });
    }

    [Test]
    public void Load_UnknownKey_ErrorWithFileLineAndColumn()
    {
        var path = Write("{\n  \"listen\": \"127.0.0.1\",\n  \"prot\": 7443\n}");

        var ex = Assert.Throws<ServerConfigException>(() => ServerConfig.Load(path));

        Assert.That(ex!.Message, Does.StartWith($"{path}:3:").And.Contain("prot"));
    }

    [Test]
    public void Load_BadValues_EveryProblemReported()
    {
        var path = Write("""{ "listen": "everywhere", "port": 70000, "log_level": "loud" }""");

        var ex = Assert.Throws<ServerConfigException>(() => ServerConfig.Load(path));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("listen: 'everywhere' is not an IP address"));
            Assert.That(ex.Message, Does.Contain("port: 70000"));
            Assert.That(ex.Message, Does.Contain("log_level: 'loud'"));
        });
    }

    [Test]
    public void Load_MissingFile_SaysSo()
    {
        var ex = Assert.Throws<ServerConfigException>(() => ServerConfig.Load(Path.Combine(_dir, "nope.json")));

        Assert.That(ex!.Message, Does.Contain("not found"));
    }

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "agent.json");
        File.WriteAllText(path, json);
        return path;
    }
}
