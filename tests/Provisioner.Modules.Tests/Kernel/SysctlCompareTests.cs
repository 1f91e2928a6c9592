using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Kernel;

namespace Provisioner.Modules.Tests.Kernel;

public class SysctlCompareTests
{
    private static IEnumerable<TestCaseData> Cases() => CaseFile.For("sysctl");

    [TestCaseSource(nameof(Cases))]
    public void Compare_Case_GivesExpectedDiff(CaseFile c)
    {
        var module = new SysctlModule(Untouched.FileSystem, Untouched.Processes);
        var args = module.Bind(new ModuleArgs(SysctlModule.Schema, c.Args, new NoResources()));
        var actual = c.Map("actual");
        var state = new SysctlState(actual.GetValueOrDefault("file") as string, actual.GetValueOrDefault("running") as string);

        Assert.That(CaseFile.Lines(module.Compare(args, state)), Is.EqualTo(CaseFile.Lines(c.ExpectedDiff)));
    }

    [Test]
    public void Set_DuplicateAssignments_LeavesOneInPlaceOfTheFirst()
    {
        var text = SysctlFile.Set("# tuning\nvm.swappiness=60\nfs.file-max = 1\nvm/swappiness = 30\n", "vm.swappiness", "10");

        Assert.That(text, Is.EqualTo("# tuning\nvm.swappiness = 10\nfs.file-max = 1\n"));
    }

    [Test]
    public void Remove_Parameter_KeepsEverythingElse()
    {
        Assert.That(SysctlFile.Remove("a.b = 1\n# c.d = 2\nc.d=3\n", "c.d"), Is.EqualTo("a.b = 1\n# c.d = 2\n"));
    }
}
