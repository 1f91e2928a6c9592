using static Provisioner.Templating.Tests.Vars;

namespace Provisioner.Templating.Tests;

public class TemplateEnginePerformanceTests
{
    [Test]
    public void EvaluateCondition_RepeatedExpression_ParsedOnce()
    {
        // Speed is measured in bench/, never asserted here; what a test can pin down is that repeated texts hit the cache.
        var engine = new TemplateEngine();
        var scope = Scope(engine, ("nginx", Map(("port", 80L))), ("state", "present"));

        for (var i = 0; i < 500; i++)
        {
            Assert.That(engine.EvaluateCondition("nginx.port > 0", scope), Is.True);
            Assert.That(engine.RenderValue("{{ state }}", scope), Is.EqualTo("present"));
        }

        Assert.That(engine.CachedTextCount, Is.EqualTo(2));
    }

    [Test]
    public void Evaluate_ManyDistinctTexts_CacheStaysBounded()
    {
        var engine = new TemplateEngine();
        var scope = Scope(engine);

        for (var i = 0; i < 5000; i++)
        {
            Assert.That(engine.Evaluate($"{i} + 1", scope), Is.EqualTo(i + 1L));
        }

        Assert.That(engine.CachedTextCount, Is.InRange(1, 4096));
    }
}
