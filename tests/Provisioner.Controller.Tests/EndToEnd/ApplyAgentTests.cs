using System.Net;
using System.Net.Sockets;

namespace Provisioner.Controller.Tests.EndToEnd;

/// <summary>
/// <c>prov apply</c> with its default connection: the real prov program talks mTLS gRPC to a real
/// <c>prov-agent serve</c> on loopback, with certificates from a test CA.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ApplyAgentTests
{
    private string _root = string.Empty;
    private ServedAgent _agent = null!;

    private string Scratch => Path.Combine(_root, "scratch");

    [SetUp]
    public async Task StartAgent()
    {
        _root = Directory.CreateTempSubdirectory("prov-e2e-agent-").FullName;
        Directory.CreateDirectory(Scratch);
        _agent = await ServedAgent.StartAsync(_root);
        File.WriteAllText(Path.Combine(_root, "site.yml"), """
            - name: Over mTLS
              hosts: all
              tasks:
                - name: greeting
                  copy:
                    content: "hello {{ inventory_hostname }} ({{ facts.hostname }})\n"
                    dest: "{{ scratch }}/greeting"
            """);
    }

    [TearDown]
    public void StopAgent()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0)
        {
            TestContext.Progress.WriteLine($"prov-agent serve log:\n{_agent.Log}");
        }

        _agent.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private void Inventory(params string[] extraHosts) =>
        File.WriteAllText(Path.Combine(_root, "hosts.yml"), $"""
            all:
              vars:
                scratch: {Scratch}
              hosts:
                {ServedAgent.HostName}:
                  address: 127.0.0.1
                  agent_port: {_agent.Port}
            {string.Concat(extraHosts.Select(h => "    " + h + "\n"))}
            """);

    private Task<ProvProcess.Result> ApplyAsync() =>
        ProvProcess.RunAsync(_root, "apply", "site.yml", "-i", "hosts.yml", "--ca-dir", _agent.CaDirectory, "--state-dir", Path.Combine(_root, "state"));

    [Test]
    public async Task Apply_AgentOverMtls_ConvergesThenReportsNoChange()
    {
        Inventory();

        var first = await ApplyAsync();
        var second = await ApplyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Stdout + first.Stderr);
            Assert.That(File.ReadAllText(Path.Combine(Scratch, "greeting")), Does.StartWith($"hello {ServedAgent.HostName} ("));
            Assert.That(first.Stdout, Does.Contain($"changed: [{ServedAgent.HostName}]"));
            Assert.That(second.ExitCode, Is.Zero, second.Stdout + second.Stderr);
            Assert.That(second.Stdout, Does.Match($@"{ServedAgent.HostName}\s+: ok=2\s+changed=0\s+unreachable=0\s+failed=0"));
        });
    }

    [Test]
    public async Task Apply_OneAgentNotListening_UnreachableExit3OtherConverged()
    {
        Inventory($"gone: {{ address: 127.0.0.1, agent_port: {ClosedPort()} }}");

        var result = await ApplyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.Stdout + result.Stderr);
            Assert.That(result.Stdout, Does.Contain("unreachable: [gone]:"));
            Assert.That(result.Stdout, Does.Match(@"gone\s+: ok=0\s+changed=0\s+unreachable=1\s+failed=0"));
            Assert.That(result.Stdout, Does.Match($@"{ServedAgent.HostName}\s+: ok=2\s+changed=1\s+unreachable=0\s+failed=0"));
        });
    }

    [Test]
    public async Task Apply_InventoryNameNotInAgentCertificate_Unreachable()
    {
        // The agent's certificate names agent-under-test; reached under another name, prov must refuse it.
        File.WriteAllText(Path.Combine(_root, "hosts.yml"), $"""
            all:
              vars:
                scratch: {Scratch}
              hosts:
                impostor:
                  address: 127.0.0.1
                  agent_port: {_agent.Port}
            """);

        var result = await ApplyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.Stdout + result.Stderr);
            Assert.That(result.Stdout, Does.Contain("unreachable: [impostor]:"));
            Assert.That(File.Exists(Path.Combine(Scratch, "greeting")), Is.False);
        });
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
