using System.Text;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Files;

namespace Provisioner.Modules.Tests.Files;

public class LineInFileCompareTests
{
    private static IEnumerable<TestCaseData> Cases() => CaseFile.For("lineinfile");

    [TestCaseSource(nameof(Cases))]
    public void Compare_Case_GivesExpectedDiff(CaseFile c)
    {
        var module = new LineInFileModule(Untouched.FileSystem, TimeProvider.System);
        var args = module.Bind(new ModuleArgs(LineInFileModule.Schema, c.Args, new NoResources()));
        var actual = c.Actual as IReadOnlyDictionary<string, object?>;
        var content = actual?.GetValueOrDefault("content") is string body ? Encoding.UTF8.GetBytes(body) : null;

        var diff = module.Compare(args, new ContentState(ObservedCases.Read(actual, args.Path), content));

        Assert.That(CaseFile.Lines(diff), Is.EqualTo(CaseFile.Lines(c.ExpectedDiff)));
    }
}
