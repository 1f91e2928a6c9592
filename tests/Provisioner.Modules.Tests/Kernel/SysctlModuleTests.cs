using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests.Kernel;

/// <summary>
/// Runs sysctl for real, inside a network namespace of the test's own (net.* parameters are per namespace), so
/// the machine's kernel settings are never touched.
/// </summary>
[NonParallelizable]
public class SysctlModuleTests
{
    private readonly string _namespace = "provt" + Guid.NewGuid().ToString("N")[..8];
    private Scratch _scratch = null!;
    private IModuleRunner _sysctl = null!;

    [OneTimeSetUp]
    public void CreateNamespace() => ScratchAccounts.Run("ip", "netns", "add", _namespace);

    [OneTimeTearDown]
    public void DeleteNamespace() => ScratchAccounts.Exec("ip", "netns", "delete", _namespace);

    [SetUp]
    public void SetUp()
    {
        _scratch = new Scratch();
        var processes = new InNamespace(new ProcessRunner(TimeProvider.System), _namespace);
        _sysctl = new ModuleCatalog(new LocalFileSystem(processes), processes, TimeProvider.System).FindRunner("sysctl")!;
    }

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public async Task Present_SetsFileAndRunningValue()
    {
        File.WriteAllText(_scratch["60-net.conf"], "# forwarding\nnet.ipv4.ip_forward = 0\n");
        var hostValue = File.ReadAllText("/proc/sys/net/ipv4/ip_forward");

        var outcome = await Converge.TwiceAsync(_sysctl, Args.Of(("name", "net.ipv4.ip_forward"), ("value", "1"), ("sysctl_file", _scratch["60-net.conf"])), _scratch);

        Assert.That(File.ReadAllText(_scratch["60-net.conf"]), Is.EqualTo("# forwarding\nnet.ipv4.ip_forward = 1\n"));
        Assert.That(ScratchAccounts.Exec("ip", "netns", "exec", _namespace, "sysctl", "-n", "net.ipv4.ip_forward").Output.Trim(), Is.EqualTo("1"));
        Assert.That(outcome.Returns["value"], Is.EqualTo("1"));
        Assert.That(File.ReadAllText("/proc/sys/net/ipv4/ip_forward"), Is.EqualTo(hostValue), "the machine's own value is untouched");
    }

    [Test]
    public async Task MultiValue_ComparesWithWhitespaceNormalised()
    {
        await Converge.TwiceAsync(_sysctl, Args.Of(("name", "net.ipv4.ip_local_port_range"), ("value", "40000   50000"), ("sysctl_file", _scratch["ports.conf"])), _scratch);

        Assert.That(File.ReadAllText(_scratch["ports.conf"]), Is.EqualTo("net.ipv4.ip_local_port_range = 40000 50000\n"));
    }

    [Test]
    public async Task Absent_RemovesFromFile()
    {
        File.WriteAllText(_scratch["s.conf"], "net.ipv4.ip_forward = 1\nnet.ipv4.tcp_syncookies = 1\n");

        await Converge.TwiceAsync(_sysctl, Args.Of(("name", "net.ipv4.ip_forward"), ("state", "absent"), ("sysctl_file", _scratch["s.conf"])), _scratch);

        Assert.That(File.ReadAllText(_scratch["s.conf"]), Is.EqualTo("net.ipv4.tcp_syncookies = 1\n"));
    }

    [Test]
    public async Task UnknownParameter_FailsSayingSo()
    {
        var outcome = await Converge.OnceAsync(_sysctl, Args.Of(("name", "net.ipv4.no_such_knob"), ("value", "1"), ("sysctl_file", _scratch["s.conf"])));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("cannot read kernel parameter net.ipv4.no_such_knob"));
        Assert.That(File.Exists(_scratch["s.conf"]), Is.False);
    }

    /// <summary>Runs sysctl inside the test's network namespace; everything else as is.</summary>
    private sealed class InNamespace(IProcessRunner inner, string name) : IProcessRunner
    {
        public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken ct) =>
            inner.RunAsync(request.Argv[0] == "sysctl" ? request with { Argv = ["ip", "netns", "exec", name, .. request.Argv] } : request, ct);
    }
}
