using Provisioner.Controller.Transport;
using Provisioner.Core.Runs;
using Provisioner.Protocol.Mapping;
using Proto = Provisioner.Protocol.V1;

namespace Provisioner.Agent.Tests.Server;

/// <summary>Runs through the real agent over mTLS: facts, idempotent StartRun, watching, resuming, cancelling.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ServeRunTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(150);
    private ServedAgent _agent = null!;
    private AgentChannelFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartAgent()
    {
        _agent = await ServedAgent.StartAsync();
        _factory = _agent.ControllerFactory();
    }

    [OneTimeTearDown]
    public void StopAgent()
    {
        _factory.Dispose();
        ServedAgent.ReportLogOnFailure(_agent);
        _agent.Dispose();
    }

    [Test]
    public async Task GatherFacts_Controller_ReturnsThisHostsFacts()
    {
        var facts = await Client().GatherFactsAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(facts["hostname"], Is.EqualTo(File.ReadAllText("/proc/sys/kernel/hostname").Trim().Split('.')[0]));
            Assert.That(facts.ContainsKey("interfaces"), Is.True);
        });
    }

    [Test]
    public async Task StartRun_SameRunIdRepeated_RunsOnce()
    {
        var scratch = Scratch();
        var plan = TestPlans.CountingRun(ServedAgent.HostName, scratch);
        var client = Client();
        var runId = NewRunId();

        var first = await client.StartRunAsync(runId, plan, CancellationToken.None);
        var second = await client.StartRunAsync(runId, plan, CancellationToken.None);
        var events = await CollectAsync(client.WatchRunAsync(runId, 0, CancellationToken.None));
        var third = await client.StartRunAsync(runId, plan, CancellationToken.None);
        var linesAfterOneId = File.ReadAllLines(Path.Combine(scratch, "effects")).Length;

        // The effect does count executions: another run id adds a line.
        await CollectAsync(client.RunAsync(NewRunId(), plan, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(first.AlreadyStarted, Is.False);
            Assert.That(second.AlreadyStarted, Is.True);
            Assert.That(third.AlreadyStarted, Is.True);
            Assert.That(third.Status, Is.EqualTo(RunStatus.Succeeded));
            Assert.That(events.OfType<RunCompletedEvent>().Single().Status, Is.EqualTo(RunStatus.Succeeded));
            Assert.That(linesAfterOneId, Is.EqualTo(1));
            Assert.That(File.ReadAllLines(Path.Combine(scratch, "effects")), Has.Length.EqualTo(2));
        });
    }

    [Test]
    public async Task StartRun_ConcurrentCallsWithOneRunId_RunsOnce()
    {
        var scratch = Scratch();
        var plan = TestPlans.CountingRun(ServedAgent.HostName, scratch);
        var client = Client();
        var runId = NewRunId();

        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.StartRunAsync(runId, plan, CancellationToken.None)));
        await CollectAsync(client.WatchRunAsync(runId, 0, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(starts.Count(s => !s.AlreadyStarted), Is.EqualTo(1));
            Assert.That(File.ReadAllLines(Path.Combine(scratch, "effects")), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task WatchRun_StreamCancelledMidRunThenResumedAfterSeq_NoEventLostOrDuplicated()
    {
        var client = new Proto.Agent.AgentClient(_factory.GetChannel(_agent.Endpoint));
        var runId = NewRunId();
        var plan = PlanMapper.ToProto(TestPlans.Slow(ServedAgent.HostName, Scratch(), tasks: 6, Step));
        await client.StartRunAsync(new Proto.StartRunRequest { RunId = runId, Plan = plan });

        var seen = new List<Proto.RunEvent>();
        using (var dropped = new CancellationTokenSource())
        using (var call = client.WatchRun(new Proto.WatchRunRequest { RunId = runId }, cancellationToken: dropped.Token))
        {
            while (seen.Count < 7 && await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                seen.Add(call.ResponseStream.Current);
            }

            await dropped.CancelAsync();
        }

        var droppedWhileRunning = seen.All(e => e.KindCase != Proto.RunEvent.KindOneofCase.RunCompleted);
        using (var resumed = client.WatchRun(new Proto.WatchRunRequest { RunId = runId, AfterSeq = seen[^1].Seq }))
        {
            while (await resumed.ResponseStream.MoveNext(CancellationToken.None))
            {
                seen.Add(resumed.ResponseStream.Current);
            }
        }

        var replay = await CollectAsync(Client().WatchRunAsync(runId, 0, CancellationToken.None));
        var seqs = seen.Select(e => (long)e.Seq).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(droppedWhileRunning, Is.True, "the stream should be dropped while the run is still going");
            Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, seqs.Count).Select(i => (long)i)));
            Assert.That(seen[^1].RunCompleted.Status, Is.EqualTo(Proto.RunStatus.Succeeded));
            Assert.That(replay.Select(e => e.Seq), Is.EqualTo(seqs));
            Assert.That(replay.Select(e => e.GetType()), Is.EqualTo(seen.Select(e => RunEventMapper.FromProto(e).GetType())));
        });
    }

    [Test]
    public async Task WatchRunAsync_ConnectionCutMidRun_ClientResumesWithoutLossOrDuplicates()
    {
        using var proxy = new DroppingProxy(_agent.Port);
        using var factory = _agent.ControllerFactory();
        var client = factory.CreateClient(new AgentEndpoint(ServedAgent.HostName, "127.0.0.1", proxy.Port),
            new AgentClientOptions { RetryDelay = TimeSpan.FromMilliseconds(100) });
        var runId = NewRunId();

        var events = new List<RunEvent>();
        var cuts = 0;
        await foreach (var e in client.RunAsync(runId, TestPlans.Slow(ServedAgent.HostName, Scratch(), tasks: 6, Step), CancellationToken.None))
        {
            events.Add(e);
            if (events.Count is 4 or 14)
            {
                proxy.DropAll();
                cuts++;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(cuts, Is.EqualTo(2));
            Assert.That(proxy.Accepted, Is.GreaterThanOrEqualTo(3), "each cut forces a new connection");
            Assert.That(events.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, events.Count).Select(i => (long)i)));
            Assert.That(events[^1], Is.TypeOf<RunCompletedEvent>());
            Assert.That(((RunCompletedEvent)events[^1]).Status, Is.EqualTo(RunStatus.Succeeded));
        });
    }

    [Test]
    public async Task CancelRun_RunInProgress_CompletesAsCancelled()
    {
        var client = Client();
        var runId = NewRunId();
        await client.StartRunAsync(runId, TestPlans.Slow(ServedAgent.HostName, Scratch(), tasks: 20, Step), CancellationToken.None);

        var events = new List<RunEvent>();
        await foreach (var e in client.WatchRunAsync(runId, 0, CancellationToken.None))
        {
            events.Add(e);
            if (events.Count == 3)
            {
                await client.CancelRunAsync(runId, CancellationToken.None);
            }
        }

        Assert.That(((RunCompletedEvent)events[^1]).Status, Is.EqualTo(RunStatus.Cancelled));
    }

    [Test]
    public void StartRun_PlanForAnotherHost_RefusedAndNothingRuns()
    {
        var runId = NewRunId();

        var ex = Assert.ThrowsAsync<AgentRefusedException>(() =>
            Client().StartRunAsync(runId, TestPlans.CountingRun("some-other-host", Scratch()), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Refusal, Is.EqualTo(AgentRefusal.WrongHost));
            Assert.That(ex.Message, Does.Contain("some-other-host"));
            Assert.That(_agent.RunRecorded(runId), Is.False);
        });
    }

    [Test]
    public void StartRun_InvalidRunId_RefusedAsInvalidRequest()
    {
        var ex = Assert.ThrowsAsync<AgentRefusedException>(() =>
            Client().StartRunAsync("../escape", TestPlans.CountingRun(ServedAgent.HostName, Scratch()), CancellationToken.None));

        Assert.That(ex!.Refusal, Is.EqualTo(AgentRefusal.InvalidRequest));
    }

    [Test]
    public void WatchRun_UnknownRun_RefusedAsUnknownRun()
    {
        var ex = Assert.ThrowsAsync<AgentRefusedException>(async () => await CollectAsync(Client().WatchRunAsync(NewRunId(), 0, CancellationToken.None)));

        Assert.That(ex!.Refusal, Is.EqualTo(AgentRefusal.UnknownRun));
    }

    [Test]
    public void GetCapabilities_AgentCertificateNamesAnotherHost_UnreachableWithTheReason()
    {
        // The inventory says web1 lives at this address, but the agent there holds agent-under-test's certificate.
        var client = _factory.CreateClient(new AgentEndpoint("web1", "127.0.0.1", _agent.Port));

        var ex = Assert.ThrowsAsync<AgentUnreachableException>(() => client.GetCapabilitiesAsync(CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Host, Is.EqualTo("web1"));
            Assert.That(ex.Message, Does.Contain("certificate was refused").And.Contain("not for 'web1'"));
        });
    }

    [Test]
    public void GetCapabilities_NothingListening_Unreachable()
    {
        var port = FreePort();
        var client = _factory.CreateClient(new AgentEndpoint("ghost", "127.0.0.1", port),
            new AgentClientOptions { Attempts = 2, RetryDelay = TimeSpan.FromMilliseconds(50) });

        var ex = Assert.ThrowsAsync<AgentUnreachableException>(() => client.GetCapabilitiesAsync(CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("ghost").And.Contain("unreachable (after 2 attempts)"));
    }

    private AgentClient Client() => _factory.CreateClient(_agent.Endpoint);

    private string Scratch()
    {
        var dir = Path.Combine(_agent.Scratch, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static async Task<List<RunEvent>> CollectAsync(IAsyncEnumerable<RunEvent> events)
    {
        var result = new List<RunEvent>();
        await foreach (var e in events)
        {
            result.Add(e);
        }

        return result;
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string NewRunId() => Guid.NewGuid().ToString("N");
}
