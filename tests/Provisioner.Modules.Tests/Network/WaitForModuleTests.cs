using System.Net;
using System.Net.Sockets;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Tests.Network;

[NonParallelizable]
public class WaitForModuleTests
{
    private Scratch _scratch = null!;
    private IModuleRunner _waitFor = null!;

    [SetUp]
    public void SetUp()
    {
        _scratch = new Scratch();
        _waitFor = TestCatalog.Real().FindRunner("wait_for")!;
    }

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public async Task Port_OpenedLater_Succeeds()
    {
        var port = FreePort();
        using var listener = new TcpListener(IPAddress.Loopback, port);
        var opener = Task.Run(async () =>
        {
            await Task.Delay(1200);
            listener.Start();
        });

        var outcome = await Converge.OnceAsync(_waitFor, Args.Of(("port", (long)port), ("timeout", 10L)));
        await opener;

        Assert.That((outcome.Failed, outcome.Changed), Is.EqualTo((false, false)));
        Assert.That((long)outcome.Returns["elapsed"]!, Is.InRange(1L, 9L));
    }

    [Test]
    public async Task Port_NeverOpened_FailsAfterTimeout()
    {
        var outcome = await Converge.OnceAsync(_waitFor, Args.Of(("port", (long)FreePort()), ("timeout", 1L)));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.StartWith("timeout after 1 s waiting for 127.0.0.1:").And.EndWith("to accept connections"));
    }

    [Test]
    public async Task Port_Stopped_SucceedsWhenNothingListens()
    {
        var outcome = await Converge.OnceAsync(_waitFor, Args.Of(("port", (long)FreePort()), ("state", "stopped"), ("timeout", 2L)));

        Assert.That(outcome.Failed, Is.False);
    }

    [Test]
    public async Task Port_StillListening_FailsWithCustomMessage()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var outcome = await Converge.OnceAsync(_waitFor, Args.Of(("port", (long)port), ("state", "stopped"), ("timeout", 1L), ("msg", "old server still up")));

        Assert.That((outcome.Failed, outcome.Message), Is.EqualTo((true, "old server still up")));
    }

    [Test]
    public async Task Path_WithSearchRegex_WaitsForTheContent()
    {
        var log = _scratch["server.log"];
        File.WriteAllText(log, "starting\n");
        var writer = Task.Run(async () =>
        {
            await Task.Delay(1200);
            await File.AppendAllTextAsync(log, "ready on port 8345\n");
        });

        var outcome = await Converge.OnceAsync(_waitFor, Args.Of(("path", log), ("search_regex", @"ready on port (\d+)"), ("timeout", 10L)), check: true);
        await writer;

        Assert.That(outcome.Failed, Is.False, "runs in check mode too: it changes nothing");
        Assert.That(outcome.Returns["match_groups"], Is.EqualTo(new object[] { "8345" }));
    }

    [Test]
    public async Task Path_Absent_SucceedsOnceRemoved()
    {
        var lockFile = _scratch["migrate.lock"];
        File.WriteAllText(lockFile, "x");
        var remover = Task.Run(async () =>
        {
            await Task.Delay(1200);
            File.Delete(lockFile);
        });

        var outcome = await Converge.OnceAsync(_waitFor, Args.Of(("path", lockFile), ("state", "absent"), ("timeout", 10L)));
        await remover;

        Assert.That(outcome.Failed, Is.False);
    }

    [Test]
    public async Task Neither_PortNorPath_SleepsForTimeout()
    {
        var outcome = await Converge.OnceAsync(_waitFor, Args.Of(("timeout", 1L)));

        Assert.That((outcome.Failed, outcome.Returns["elapsed"]), Is.EqualTo((false, 1L)));
    }

    [Test]
    public async Task PortAndPath_AreMutuallyExclusive()
    {
        var outcome = await Converge.OnceAsync(_waitFor, Args.Of(("port", 80L), ("path", "/x")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("mutually exclusive"));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
