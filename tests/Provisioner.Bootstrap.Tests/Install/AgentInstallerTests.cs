using Provisioner.Bootstrap.Install;
using Provisioner.Bootstrap.Tests.Fixtures;

namespace Provisioner.Bootstrap.Tests.Install;

[TestFixture]
[NonParallelizable]
public sealed class AgentInstallerTests
{
    private SshServer _server = null!;
    private AgentBinary _binary = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _binary = AgentBinary.Open(await AgentBuild.PathAsync());
        _server = await SshServer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task DetectAsync_ThisMachine_IsDebianX64WithScriptForPrefixedRoot()
    {
        await using var host = await _server.ConnectAsync();

        var platform = await PlatformProbe.DetectAsync(host, new InstallLayout(_server.NewRoot()), CancellationToken.None);

        Assert.That(platform.RuntimeId, Is.EqualTo("linux-x64"));
        Assert.That(platform.OsId, Is.EqualTo("debian"));
        Assert.That(platform.Init, Is.EqualTo(InitSystem.SysVInit));
    }

    [Test]
    public async Task InstallAsync_FreshRoot_InstallsFilesThenRerunChangesNothing()
    {
        var layout = new InstallLayout(_server.NewRoot());
        await using var host = await _server.ConnectAsync();
        var platform = await PlatformProbe.DetectAsync(host, layout, CancellationToken.None);
        var installer = new AgentInstaller(host, layout, platform);

        var first = (await installer.InstallAsync(_binary, new AgentSettings("127.0.0.1", 17443), CancellationToken.None)).Steps;
        var binaryWritten = File.GetLastWriteTimeUtc(layout.Binary);
        var second = (await installer.InstallAsync(_binary, new AgentSettings("127.0.0.1", 17443), CancellationToken.None)).Steps;

        Assert.That(first.Select(s => s.Changed), Is.All.True, string.Join("\n", first));
        Assert.That(second.Select(s => s.Changed), Is.All.False, string.Join("\n", second));
        Assert.That(first[0].Detail, Does.StartWith("installed prov-agent "));
        Assert.That(File.ReadAllBytes(layout.Binary), Is.EqualTo(File.ReadAllBytes(_binary.Path)));
        Assert.That(File.GetUnixFileMode(layout.Binary), Is.EqualTo((UnixFileMode)0b111_101_101));
        Assert.That(File.GetLastWriteTimeUtc(layout.Binary), Is.EqualTo(binaryWritten));
        Assert.That(File.ReadAllText(layout.Config), Does.Contain("\"port\": 17443").And.Contain($"\"key\": \"{layout.Key}\""));
        Assert.That(File.ReadAllText(layout.InitScript), Does.Contain($"DAEMON={layout.Binary}"));
        Assert.That(Directory.Exists(layout.StateDirectory), Is.True);
        Assert.That(Directory.EnumerateFileSystemEntries(layout.Root, "*.prov-new", SearchOption.AllDirectories), Is.Empty);
        Assert.That(Directory.EnumerateDirectories("/tmp", "prov-bootstrap.*"), Is.Empty, "the upload directory is removed");
    }

    [Test]
    public async Task InstallAsync_OtherBinaryInstalled_UpgradesInPlace()
    {
        var layout = new InstallLayout(_server.NewRoot());
        Directory.CreateDirectory(Path.GetDirectoryName(layout.Binary)!);
        File.Copy("/bin/true", layout.Binary);
        await using var host = await _server.ConnectAsync();
        var platform = await PlatformProbe.DetectAsync(host, layout, CancellationToken.None);

        var steps = (await new AgentInstaller(host, layout, platform).InstallAsync(_binary, new AgentSettings(), CancellationToken.None)).Steps;

        Assert.That(steps[0].Changed, Is.True);
        Assert.That(steps[0].Detail, Does.StartWith("upgraded to prov-agent "));
        Assert.That(File.ReadAllBytes(layout.Binary), Is.EqualTo(File.ReadAllBytes(_binary.Path)));
    }

    [Test]
    public async Task InstallAsync_ConfigEditedOnHost_IsRestoredAndReportedChanged()
    {
        var layout = new InstallLayout(_server.NewRoot());
        await using var host = await _server.ConnectAsync();
        var platform = await PlatformProbe.DetectAsync(host, layout, CancellationToken.None);
        var installer = new AgentInstaller(host, layout, platform);
        await installer.InstallAsync(_binary, new AgentSettings(), CancellationToken.None);
        var wanted = File.ReadAllText(layout.Config);
        File.WriteAllText(layout.Config, "{}");

        var steps = (await installer.InstallAsync(_binary, new AgentSettings(), CancellationToken.None)).Steps;

        Assert.That(steps.Where(s => s.Changed).Select(s => s.Name), Is.EqualTo(new[] { "config" }));
        Assert.That(File.ReadAllText(layout.Config), Is.EqualTo(wanted));
    }
}
