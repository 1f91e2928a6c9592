using Provisioner.Lab.State;
using Provisioner.Lab.Tests.EndToEnd;

namespace Provisioner.Lab.Tests.HostModules;

/// <summary>
/// One lab host as the host-module tests use it: prov-agent copied onto it over scp, plans run on it over ssh (strict
/// host key checking against the lab's known_hosts), and ssh for checking from the outside.
/// </summary>
internal sealed class LabHost(LabHostRecord host)
{
    private const string PlanDirectory = "/root/prov-plans";

    public string Name => host.Name;

    public string Address => host.Address;

    public async Task InstallAgentAsync()
    {
        var agent = await SharedLab.AgentAsync();
        await MustAsync($"mkdir -p {PlanDirectory}");
        var (copied, output) = await SharedLab.Scp(agent, Address, "/usr/local/bin/prov-agent");
        Assert.That(copied, Is.Zero, $"copying prov-agent to {Name}: {output}");
        var version = await MustAsync("prov-agent --version");
        Assert.That(version, Does.StartWith("prov-agent "));
    }

    /// <summary>Runs a plan with <c>prov-agent run-plan --json</c>; the remote side has its own timeout, so a killed ssh leaves nothing running.</summary>
    public async Task<PlanRun> RunAsync(Plan plan, bool check = false, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        var local = Path.Combine(Path.GetTempPath(), $"prov-plan-{Guid.NewGuid():N}.json");
        var remote = $"{PlanDirectory}/{Path.GetFileName(local)}";
        await File.WriteAllTextAsync(local, plan.ToJson());
        try
        {
            var (copied, copyOutput) = await SharedLab.Scp(local, Address, remote);
            Assert.That(copied, Is.Zero, $"copying the plan to {Name}: {copyOutput}");
        }
        finally
        {
            File.Delete(local);
        }

        var command = $"timeout {(int)limit.TotalSeconds} prov-agent run-plan {remote} --json{(check ? " --check" : string.Empty)}";
        var (exitCode, output) = await SharedLab.Ssh(Address, command, limit + TimeSpan.FromSeconds(30));
        var run = PlanRun.Parse(exitCode, output);
        TestContext.Progress.WriteLine($"{Name}: {command} → exit {exitCode}, {string.Join(", ", run.Tasks.Select(t => $"{t.Name}: {t.Status}"))}");
        return run;
    }

    public Task<(int ExitCode, string Output)> Ssh(string command, TimeSpan? timeout = null) => SharedLab.Ssh(Address, command, timeout);

    /// <summary>Runs a command that must succeed; returns its output, trimmed.</summary>
    public async Task<string> MustAsync(string command, TimeSpan? timeout = null)
    {
        var (exitCode, output) = await SharedLab.Ssh(Address, command, timeout);
        Assert.That(exitCode, Is.Zero, $"{Name}: {command}\n{output}");
        return output.Trim();
    }
}
