using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.Tests.Reporting;

public sealed class TextReporterTests
{
    private static string Render(TextReporterOptions options)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var reporter = new TextReporter(new PlainTextSink(writer), options);
        foreach (var report in SampleRun.Reports())
        {
            reporter.Report(report);
        }

        return writer.ToString();
    }

    [Test]
    public void Report_SampleRunWithDiff_MatchesGoldenText() =>
        Cases.AssertMatches(Render(new TextReporterOptions { ShowDiff = true }), Path.Combine(Cases.Root, "reporter"), "diff.txt");

    [Test]
    public void Report_SampleRunVerbose_MatchesGoldenText() =>
        Cases.AssertMatches(Render(new TextReporterOptions { Verbosity = 2 }), Path.Combine(Cases.Root, "reporter"), "verbose.txt");

    [Test]
    public void Report_WithoutDiff_PrintsNoDiff() =>
        Assert.That(Render(new TextReporterOptions()), Does.Not.Contain("+++ after"));

    [Test]
    public void Report_Banner_PaddedToWidth() =>
        Assert.That(Render(new TextReporterOptions { Width = 100 }).Split('\n'), Has.Some.EqualTo("PLAY RECAP " + new string('*', 89)));
}
