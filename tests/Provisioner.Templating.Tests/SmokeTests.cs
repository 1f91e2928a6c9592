using Provisioner.Templating;
using static Provisioner.Templating.Tests.Vars;

namespace Provisioner.Templating.Tests;

public class SmokeTests
{
    [Test]
    public void Smoke()
    {
        var engine = new TemplateEngine();
        var scope = Scope(engine, ("nginx", Map(("port", 80L))), ("x", 2L), ("a", "{{ b }}"), ("b", "{{ a }}"));
        Assert.That(engine.RenderValue("{{ nginx.port }}", scope), Is.EqualTo(80L));
        Assert.That(engine.RenderValue("port {{ nginx.port }}", scope), Is.EqualTo("port 80"));
        Assert.That(engine.EvaluateCondition("x > 1", scope), Is.True);
        TestContext.Out.WriteLine(Assert.Throws<UndefinedVariableException>(() => engine.Evaluate("nginx.missing", scope))!.Message);
        TestContext.Out.WriteLine(Assert.Throws<UndefinedVariableException>(() => engine.Evaluate("nope + 1", scope))!.Message);
        TestContext.Out.WriteLine(Assert.Throws<TemplateException>(() => engine.Evaluate("a", scope))!.Message);
        Assert.That(engine.Evaluate("nginx.missing ?? 5", scope), Is.EqualTo(5L));
        Assert.That(engine.Evaluate("nope ?? 6", scope), Is.EqualTo(6L));
        Assert.That(engine.Evaluate("nope.x.y ?? 7", scope), Is.EqualTo(7L));
        Assert.That(engine.Evaluate("nope | default 8", scope), Is.EqualTo(8L));
        Assert.That(engine.Evaluate("defined(\"nginx.port\")", scope), Is.True);
        Assert.That(engine.Evaluate("defined(\"nginx.nope\")", scope), Is.False);
        Assert.That(engine.Evaluate("defined(nope)", scope), Is.False);
        TestContext.Out.WriteLine(Assert.Throws<TemplateException>(() => engine.RenderText("{{ while true; end }}", scope, "x.sbn"))!.Message);
        TestContext.Out.WriteLine(Assert.Throws<TemplateException>(() => engine.RenderText("{{ for a in 1..100000; for b in 1..100000; end; end }}", scope, "x.sbn"))!.Message);
        TestContext.Out.WriteLine(Assert.Throws<TemplateException>(() => engine.RenderText("{{ if }}", scope, "x.sbn"))!.Message);
        TestContext.Out.WriteLine(Assert.Throws<TemplateException>(() => engine.RenderText("{{ include 'a' }}", scope, "x.sbn"))!.Message);
    }
}
