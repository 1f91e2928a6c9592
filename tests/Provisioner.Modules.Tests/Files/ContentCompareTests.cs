using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Files;

namespace Provisioner.Modules.Tests.Files;

/// <summary>copy and template share one Compare; their cases bind arguments through each module (template renders first).</summary>
public class ContentCompareTests
{
    private static IEnumerable<TestCaseData> Cases() => CaseFile.For("copy").Concat(CaseFile.For("template"));

    [TestCaseSource(nameof(Cases))]
    public void Compare_Case_GivesExpectedDiff(CaseFile c)
    {
        var resources = new PlanResources();
        foreach (var (path, text) in c.Map("plan_files"))
        {
            resources.Files[path] = (string)text!;
        }

        foreach (var (name, value) in c.Map("vars"))
        {
            resources.Vars[name] = value;
        }

        IModule<ContentArgs, ContentState> module = c.Args.ContainsKey("content") || c.Data.GetValueOrDefault("module") is "copy"
            ? new CopyModule(Untouched.FileSystem, TimeProvider.System)
            : new TemplateModule(Untouched.FileSystem, TimeProvider.System);
        var args = module.Bind(new ModuleArgs(module.Schema, c.Args, resources));
        var actual = c.Actual as IReadOnlyDictionary<string, object?>;
        var content = actual?.GetValueOrDefault("content") is string body ? System.Text.Encoding.UTF8.GetBytes(body) : null;
        var state = new ContentState(ObservedCases.Read(actual, args.Dest), content);

        var diff = module.Compare(args, state);

        Assert.That(CaseFile.Lines(diff), Is.EqualTo(CaseFile.Lines(c.ExpectedDiff)));
    }
}
