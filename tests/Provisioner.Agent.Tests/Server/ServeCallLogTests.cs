namespace Provisioner.Agent.Tests.Server;

/// <summary>With log_level debug the agent logs one line per accepted call, so round trips per host can be counted.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ServeCallLogTests
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(15);
    private ServedAgent _agent = null!;

    [OneTimeSetUp]
    public async Task StartAgent() => _agent = await ServedAgent.StartAsync(",\n  \"log_level\": \"debug\"");

    [OneTimeTearDown]
    public void StopAgent()
    {
        ServedAgent.ReportLogOnFailure(_agent);
        _agent.Dispose();
    }

    [Test]
    public async Task GetCapabilities_DebugLogLevel_OneCallLineLogged()
    {
        using var factory = _agent.ControllerFactory();
        var before = _agent.Process.Log.Length;

        await factory.CreateClient(_agent.Endpoint).GetCapabilitiesAsync(CancellationToken.None);
        var line = await _agent.Process.WaitForLogAsync(l => l.Contains("Call /provisioner.v1.Agent/GetCapabilities from 127.0.0.1:"), LogWait, before);

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain(" DBG "));
            Assert.That(_agent.Process.Log[before..].Split('\n').Count(l => l.Contains("Call /provisioner.v1.Agent/")), Is.EqualTo(1));
        });
    }
}
