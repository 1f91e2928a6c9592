using Microsoft.Extensions.Time.Testing;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Packages;

namespace Provisioner.Modules.Tests.Packages;

public class AptCompareTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> Cases() => CaseFile.For("apt");

    /// <summary>actual: installed {name: version | "config-files"}, candidates {name: version}, refreshed_ago (seconds, or null: never), autoremovable [names].</summary>
    [TestCaseSource(nameof(Cases))]
    public void Compare_Case_GivesExpectedDiff(CaseFile c)
    {
        var module = new AptModule(Untouched.FileSystem, Untouched.Processes, new FakeTimeProvider(Now));
        var args = module.Bind(new ModuleArgs(AptModule.Schema, c.Args, new NoResources()));
        var actual = c.Map("actual");
        var installed = (actual.GetValueOrDefault("installed") as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>())
            .ToDictionary(p => p.Key, p => new InstalledPackage(p.Key, (string)p.Value!, (string)p.Value! == "config-files"));
        var candidates = (actual.GetValueOrDefault("candidates") as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>())
            .ToDictionary(p => p.Key, p => (string)p.Value!);
        var refreshed = actual.GetValueOrDefault("refreshed_ago") is long ago ? Now - TimeSpan.FromSeconds(ago) : (DateTimeOffset?)null;
        var removable = (actual.GetValueOrDefault("autoremovable") as IReadOnlyList<object?> ?? []).Cast<string>().ToList();

        var diff = module.Compare(args, new AptState(installed, candidates, refreshed, removable));

        Assert.That(CaseFile.Lines(diff), Is.EqualTo(CaseFile.Lines(c.ExpectedDiff)));
    }

    [Test]
    public void ParseDpkgQuery_Statuses_KeepsInstalledAndConfigFiles()
    {
        var parsed = AptOutput.ParseDpkgQuery("bash\tinstall ok installed\t5.2.15-2+b8\nold\tdeinstall ok config-files\t1.0\ngone\tunknown ok not-installed\t\n");

        Assert.That(parsed.Keys, Is.EquivalentTo(new[] { "bash", "old" }));
        Assert.That((parsed["bash"].Version, parsed["old"].ConfigFilesOnly), Is.EqualTo(("5.2.15-2+b8", true)));
    }

    [Test]
    public void ParseCandidates_Policy_ReadsCandidatePerPackage()
    {
        const string policy = "hello:\n  Installed: (none)\n  Candidate: 2.10-3\n  Version table:\n     2.10-3 500\nghost:\n  Installed: (none)\n  Candidate: (none)\n";

        Assert.That(AptOutput.ParseCandidates(policy), Is.EqualTo(new Dictionary<string, string> { ["hello"] = "2.10-3" }));
    }

    [Test]
    public void ParseSimulatedRemovals_Output_ListsRemvLines()
    {
        Assert.That(AptOutput.ParseSimulatedRemovals("Reading...\nRemv libfoo1 [1.0-1]\nRemv bar [2]\n"), Is.EqualTo(new[] { "libfoo1", "bar" }));
    }
}
