using Provisioner.Language.Validation;
using Provisioner.Modules;

namespace Provisioner.Language.Tests.Validation;

/// <summary>
/// Malformed and hostile playbooks and inventories under cases/bad/: each must produce exactly the diagnostics in its
/// expected.txt, quickly, without hanging or crashing.
/// </summary>
public class BadInputCorpusTests
{
    private static IEnumerable<TestCaseData> Cases() => CorpusCase.All("bad");

    [Test]
    public void Corpus_Always_HoldsAtLeastFortyCases()
    {
        Assert.That(Directory.GetDirectories(CorpusCase.Root("bad")), Has.Length.GreaterThanOrEqualTo(40));
    }

    [TestCaseSource(nameof(Cases))]
    [CancelAfter(10_000)]
    public async Task SyntaxCheck_BadInput_ReportsExactlyTheExpectedDiagnostics(string name, CancellationToken ct)
    {
        var directory = Path.Combine(CorpusCase.Root("bad"), name);
        var request = CorpusCase.Request(directory);

        // Run off the test thread so that a hang ends the test at CancelAfter instead of blocking the run.
        var result = await Task.Run(() => SyntaxCheck.Run(request, ModuleCatalog.Schemas), ct).WaitAsync(ct);

        var actual = result.Diagnostics.Select(d => d.ToString()).ToArray();
        Assert.That(actual, Is.EqualTo(CorpusCase.ReadExpected(directory, "expected.txt")), string.Join("\n", actual));
        Assert.That(result.HasErrors || actual.Length > 0, Is.True, "a bad case must produce at least one diagnostic");
    }
}
