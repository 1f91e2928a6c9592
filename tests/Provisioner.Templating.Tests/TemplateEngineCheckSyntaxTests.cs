using Provisioner.Core.Diagnostics;

namespace Provisioner.Templating.Tests;

public class TemplateEngineCheckSyntaxTests
{
    private readonly TemplateEngine _engine = new();

    [TestCase("x > 1 && y")]
    [TestCase("nginx.port | string.to_int")]
    [TestCase("{{ x }}")]
    public void CheckSyntax_ValidExpression_NoDiagnostics(string text)
    {
        Assert.That(_engine.CheckSyntax(text, isExpression: true, at: null), Is.Empty);
    }

    [TestCase("plain text, no template")]
    [TestCase("{{ for i in items }}{{ i }}{{ end }}")]
    [TestCase("a {{ b }} c {{ d | string.upcase }}")]
    public void CheckSyntax_ValidTemplate_NoDiagnostics(string text)
    {
        Assert.That(_engine.CheckSyntax(text, isExpression: false, at: null), Is.Empty);
    }

    [Test]
    public void CheckSyntax_BrokenTemplate_ReportsErrorWithPosition()
    {
        var diagnostics = _engine.CheckSyntax("ok\nthen {{ if }}", isExpression: false, at: null);

        Assert.That(diagnostics, Is.Not.Empty);
        Assert.That(diagnostics[0].Severity, Is.EqualTo(Severity.Error));
        Assert.That(diagnostics[0].Location, Is.EqualTo(new SourceLocation("<template>", 2, 12)));
    }

    [Test]
    public void CheckSyntax_FirstLineWithLocation_ShiftsColumn()
    {
        var at = new SourceLocation("site.yml", 10, 14);

        var diagnostics = _engine.CheckSyntax("x >", isExpression: true, at);

        Assert.That(diagnostics[0].Location, Is.EqualTo(new SourceLocation("site.yml", 10, 17)));
        Assert.That(diagnostics[0].ToString(), Does.StartWith("site.yml:10:17: error: expression syntax error"));
    }

    [Test]
    public void CheckSyntax_LaterLineWithLocation_ShiftsLine()
    {
        var at = new SourceLocation("templates/nginx.conf.sbn", 1, 1);

        var diagnostics = _engine.CheckSyntax("server {\n  listen {{ port + }};\n}", isExpression: false, at);

        Assert.That(diagnostics[0].Location!.Path, Is.EqualTo("templates/nginx.conf.sbn"));
        Assert.That(diagnostics[0].Location!.Line, Is.EqualTo(2));
        Assert.That(diagnostics[0].Location!.Column, Is.GreaterThan(10));
    }

    [Test]
    public void CheckSyntax_StatementAsExpression_Reported()
    {
        var diagnostics = _engine.CheckSyntax("while true; end", isExpression: true, at: null);

        Assert.That(diagnostics.Single().Message, Does.Contain("single expression"));
    }

    [Test]
    public void CheckSyntax_TemplateTextAsExpression_Reported()
    {
        var diagnostics = _engine.CheckSyntax("a {{ b }}", isExpression: true, at: null);

        Assert.That(diagnostics.Single().Message, Does.Contain("bare expression"));
    }

    [Test]
    public void CheckSyntax_DoesNotEvaluate()
    {
        Assert.That(_engine.CheckSyntax("{{ while true; end }}", isExpression: false, at: null), Is.Empty);
    }
}
