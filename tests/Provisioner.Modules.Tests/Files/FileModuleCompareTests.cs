using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Files;

namespace Provisioner.Modules.Tests.Files;

public class FileModuleCompareTests
{
    private static IEnumerable<TestCaseData> Cases() => CaseFile.For("file");

    [TestCaseSource(nameof(Cases))]
    public void Compare_Case_GivesExpectedDiff(CaseFile c)
    {
        var module = new FileModule(Untouched.FileSystem);
        var args = module.Bind(new ModuleArgs(FileModule.Schema, c.Args, new NoResources()));
        var actual = c.Actual as IReadOnlyDictionary<string, object?>;
        var below = (actual?.GetValueOrDefault("below") as IReadOnlyList<object?> ?? [])
            .Select(b => ObservedCases.Read(b, "?")!).ToList();
        var state = new FileState(ObservedCases.Read(actual, args.Path), below);

        var diff = module.Compare(args, state);

        Assert.That(CaseFile.Lines(diff), Is.EqualTo(CaseFile.Lines(c.ExpectedDiff)));
    }
}
