using Provisioner.Language.Playbooks;
using Provisioner.Language.Tests.Validation;
using Provisioner.Language.Validation;
using Provisioner.Modules;

namespace Provisioner.Language.Tests.Playbooks;

/// <summary>
/// Valid playbooks under cases/playbooks/: each must validate without errors, with exactly the warnings in its
/// diagnostics.txt (none when absent), and load into the model its expected.txt outlines (every task with its position).
/// </summary>
public class GoodCaseTests
{
    private static IEnumerable<TestCaseData> Cases() => CorpusCase.All("playbooks");

    [TestCaseSource(nameof(Cases))]
    [CancelAfter(10_000)]
    public async Task SyntaxCheck_ValidPlaybook_LoadsTheExpectedModel(string name, CancellationToken ct)
    {
        var directory = Path.Combine(CorpusCase.Root("playbooks"), name);
        var request = CorpusCase.Request(directory);

        var result = await Task.Run(() => SyntaxCheck.Run(request, ModuleCatalog.Schemas), ct).WaitAsync(ct);

        var diagnostics = result.Diagnostics.Select(d => d.ToString()).ToArray();
        var expectedDiagnostics = File.Exists(Path.Combine(directory, "diagnostics.txt")) ? CorpusCase.ReadExpected(directory, "diagnostics.txt") : [];
        Assert.That(diagnostics, Is.EqualTo(expectedDiagnostics));
        Assert.That(PlaybookOutline.Render(result.Playbook), Is.EqualTo(File.ReadAllText(Path.Combine(directory, "expected.txt"))));
    }
}
