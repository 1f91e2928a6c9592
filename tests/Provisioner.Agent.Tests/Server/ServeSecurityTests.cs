using System.Net.Security;
using System.Security.Authentication;
using Grpc.Core;
using Grpc.Net.Client;
using Provisioner.Controller.Transport;
using Provisioner.Security.Authority;
using Provisioner.Security.Certificates;
using Proto = Provisioner.Protocol.V1;

namespace Provisioner.Agent.Tests.Server;

/// <summary>The real agent over real TLS: the controller gets in, nobody else does, and every refusal is logged.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ServeSecurityTests
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(15);
    private static readonly AgentClientOptions OneAttempt = new() { Attempts = 1 };
    private ServedAgent _agent = null!;

    [OneTimeSetUp]
    public async Task StartAgent() => _agent = await ServedAgent.StartAsync();

    [OneTimeTearDown]
    public void StopAgent()
    {
        ServedAgent.ReportLogOnFailure(_agent);
        _agent.Dispose();
    }

    [Test]
    public async Task GetCapabilities_ControllerCertificate_Answered()
    {
        using var factory = _agent.ControllerFactory();

        var info = await factory.CreateClient(_agent.Endpoint).GetCapabilitiesAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(info.Host, Is.EqualTo(ServedAgent.HostName));
            Assert.That(info.ProtocolVersion, Is.EqualTo(1u));
            Assert.That(info.Modules, Does.Contain("file"));
        });
    }

    [Test]
    public async Task StartRun_CertificateOfAnotherCa_RefusedLoggedAndNothingRuns()
    {
        using var other = CertificateAuthority.Init(new CaLayout(Path.Combine(_agent.Root, "other-ca")), "prov-controller", TimeProvider.System);
        var certificate = CredentialFiles.LoadCertificateWithKey(other.Layout.ControllerCertificate, other.Layout.ControllerKey);

        await AssertRefusedAsync(certificate, "not by this CA");
    }

    [Test]
    public async Task StartRun_AgentCertificatePresentedAsController_RefusedLoggedAndNothingRuns()
    {
        var certificate = CredentialFiles.LoadCertificateWithKey(Path.Combine(_agent.AgentDir, "agent.crt"), Path.Combine(_agent.AgentDir, "agent.key"));

        await AssertRefusedAsync(certificate, "holds the role agent; the role controller is required");
    }

    [Test]
    public async Task StartRun_ExpiredControllerCertificate_RefusedLoggedAndNothingRuns()
    {
        var now = DateTimeOffset.UtcNow;
        using var expired = _agent.Authority.IssueController("expired-controller", new IssueOptions { NotBefore = now.AddDays(-10), Lifetime = TimeSpan.FromDays(1) });

        await AssertRefusedAsync(expired.WithKey(), "expired on");
    }

    [Test]
    public async Task StartRun_RevokedControllerCertificate_RefusedOnNewAndOpenConnections()
    {
        using var issued = _agent.Authority.IssueController("revoked-controller");
        using var open = _agent.FactoryPresenting(issued.WithKey());
        var openClient = open.CreateClient(_agent.Endpoint, OneAttempt);
        await openClient.GetCapabilitiesAsync(CancellationToken.None);

        _agent.Authority.RevokeName("revoked-controller");
        _agent.ShipRevocationList();

        var before = _agent.Process.Log.Length;
        var runId = NewRunId();
        var ex = Assert.ThrowsAsync<AgentRefusedException>(() => openClient.StartRunAsync(runId, Plan(), CancellationToken.None));
        Assert.That(ex!.Refusal, Is.EqualTo(AgentRefusal.Unauthorized));
        await _agent.Process.WaitForLogAsync(l => l.Contains("Refused") && l.Contains("was revoked on"), LogWait, before);
        Assert.That(_agent.RunRecorded(runId), Is.False);

        await AssertRefusedAsync(issued.WithKey(), "was revoked on");
    }

    [Test]
    public async Task StartRun_PlaintextHttp2_RefusedLoggedAndNothingRuns()
    {
        var before = _agent.Process.Log.Length;
        var runId = NewRunId();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_agent.Port}");

        Assert.ThrowsAsync<RpcException>(() => StartRawAsync(channel, runId));

        await _agent.Process.WaitForLogAsync(l => l.Contains("Refused") && l.Contains("no TLS ClientHello"), LogWait, before);
        Assert.That(_agent.RunRecorded(runId), Is.False);
    }

    [Test]
    public async Task StartRun_NoClientCertificate_RefusedLoggedAndNothingRuns()
    {
        var before = _agent.Process.Log.Length;
        var runId = NewRunId();
        using var channel = TlsChannel(SslProtocols.Tls13);

        Assert.ThrowsAsync<RpcException>(() => StartRawAsync(channel, runId));

        await _agent.Process.WaitForLogAsync(l => l.Contains("Refused") && l.Contains("no certificate presented"), LogWait, before);
        Assert.That(_agent.RunRecorded(runId), Is.False);
    }

    [Test]
    public async Task StartRun_Tls12Only_RefusedLoggedAndNothingRuns()
    {
        var before = _agent.Process.Log.Length;
        var runId = NewRunId();
        using var channel = TlsChannel(SslProtocols.Tls12);

        Assert.ThrowsAsync<RpcException>(() => StartRawAsync(channel, runId));

        await _agent.Process.WaitForLogAsync(l => l.Contains("Refused") && l.Contains("not TLS 1.3"), LogWait, before);
        Assert.That(_agent.RunRecorded(runId), Is.False);
    }

    private async Task AssertRefusedAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 clientCertificate, string reason)
    {
        var before = _agent.Process.Log.Length;
        var runId = NewRunId();
        using var factory = _agent.FactoryPresenting(clientCertificate);

        var ex = Assert.ThrowsAsync<AgentUnreachableException>(() =>
            factory.CreateClient(_agent.Endpoint, OneAttempt).StartRunAsync(runId, Plan(), CancellationToken.None));

        var logged = await _agent.Process.WaitForLogAsync(l => l.Contains("Refused") && l.Contains(reason), LogWait, before);
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Host, Is.EqualTo(ServedAgent.HostName));
            Assert.That(logged, Does.Contain("127.0.0.1:"));
            Assert.That(_agent.RunRecorded(runId), Is.False);
            Assert.That(File.Exists(Path.Combine(_agent.Scratch, "effects")), Is.False);
        });
    }

    private GrpcChannel TlsChannel(SslProtocols protocols)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = protocols,
                // These clients only probe the agent's refusals; knowing it is the agent under test is enough.
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.Subject == $"CN={ServedAgent.HostName}",
            },
        };
        return GrpcChannel.ForAddress($"https://127.0.0.1:{_agent.Port}", new GrpcChannelOptions { HttpHandler = handler });
    }

    private async Task StartRawAsync(GrpcChannel channel, string runId)
    {
        var client = new Proto.Agent.AgentClient(channel);
        var request = new Proto.StartRunRequest { RunId = runId, Plan = Protocol.Mapping.PlanMapper.ToProto(Plan()) };
        await client.StartRunAsync(request, deadline: DateTime.UtcNow.AddSeconds(20));
    }

    private Core.Plans.HostPlan Plan() => TestPlans.CountingRun(ServedAgent.HostName, _agent.Scratch);

    private static string NewRunId() => Guid.NewGuid().ToString("N");
}
