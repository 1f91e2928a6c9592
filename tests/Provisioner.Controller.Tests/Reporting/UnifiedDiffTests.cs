using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.Tests.Reporting;

public sealed class UnifiedDiffTests
{
    private static string Diff(string before, string after) => string.Join("\n", UnifiedDiff.Render(before, after, "a", "b"));

    [Test]
    public void Render_OneLineChanged_HunkWithThreeLinesContext()
    {
        var before = string.Concat(Enumerable.Range(1, 10).Select(i => $"{i}\n"));
        var after = before.Replace("5\n", "five\n", StringComparison.Ordinal);

        Assert.That(Diff(before, after), Is.EqualTo("--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8"));
    }

    [Test]
    public void Render_ChangesFarApart_TwoHunks()
    {
        var before = string.Concat(Enumerable.Range(1, 20).Select(i => $"{i}\n"));
        var after = before.Replace("2\n", "two\n", StringComparison.Ordinal).Replace("19\n", "nineteen\n", StringComparison.Ordinal);

        Assert.That(UnifiedDiff.Render(before, after, "a", "b").Count(l => l.StartsWith("@@", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public void Render_NewFile_AllAdded() =>
        Assert.That(Diff(string.Empty, "x\ny\n"), Is.EqualTo("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y"));

    [Test]
    public void Render_SingleValues_OneLineHunk() =>
        Assert.That(Diff("0644", "0600"), Is.EqualTo("--- a\n+++ b\n@@ -1 +1 @@\n-0644\n+0600"));

    [Test]
    public void Render_InsertedLine_KeepsCommonLinesAsContext() =>
        Assert.That(Diff("a\nb\nc\n", "a\nb\nnew\nc\n"), Is.EqualTo("--- a\n+++ b\n@@ -1,3 +1,4 @@\n a\n b\n+new\n c"));
}
