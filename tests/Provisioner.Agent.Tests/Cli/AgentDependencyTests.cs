using System.Reflection;
using Provisioner.Agent.Cli;

namespace Provisioner.Agent.Tests.Cli;

public sealed class AgentDependencyTests
{
    [Test]
    public void ReferencedAssemblies_Transitively_HaveNoYamlOrSshLibrary()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<AssemblyName>([typeof(AgentCli).Assembly.GetName()]);
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name.Name!))
            {
                continue;
            }

            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
            {
                pending.Enqueue(reference);
            }
        }

        Assert.That(seen, Does.Contain("Provisioner.Modules").And.Contain("Google.Protobuf"), "the walk follows references transitively");
        Assert.That(seen.Where(n => n.Contains("Yaml", StringComparison.OrdinalIgnoreCase) || n.Contains("Ssh", StringComparison.OrdinalIgnoreCase)), Is.Empty);
    }

    [Test]
    public async Task RunAsync_UnknownCommand_PrintsUsageAndReturnsFour()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await AgentCli.RunAsync(["frobnicate"], stdout, stderr);

        Assert.That(code, Is.EqualTo(4));
        Assert.That(stderr.ToString(), Does.Contain("unknown command 'frobnicate'").And.Contain("usage:"));
    }

    [TestCase(new[] { "x.json", "--run-id", "../bad" }, "--run-id")]
    [TestCase(new[] { "x.json", "--wait", "soon" }, "--wait")]
    [TestCase(new[] { "x.json", "y.json" }, "one plan file")]
    [TestCase(new string[0], "needs a plan FILE")]
    [TestCase(new[] { "x.json", "--frob" }, "unknown option '--frob'")]
    public void RunPlanOptionsParse_Invalid_ExplainsWhat(string[] args, string expected)
    {
        var options = RunPlanOptions.Parse(args, out var error);

        Assert.That(options, Is.Null);
        Assert.That(error, Does.Contain(expected));
    }

    [Test]
    public void RunPlanOptionsParse_AllOptions_Parsed()
    {
        var options = RunPlanOptions.Parse(["p.json", "--check", "--diff", "--json", "--state-dir", "/tmp/s", "--run-id", "abc-1", "--wait", "2.5"], out _);

        Assert.That(options, Is.EqualTo(new RunPlanOptions("p.json")
        {
            Check = true, Diff = true, Json = true, StateDir = "/tmp/s", RunId = "abc-1", Wait = TimeSpan.FromSeconds(2.5),
        }));
    }
}
