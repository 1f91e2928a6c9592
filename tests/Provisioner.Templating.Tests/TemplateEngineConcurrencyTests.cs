using static Provisioner.Templating.Tests.Vars;

namespace Provisioner.Templating.Tests;

public class TemplateEngineConcurrencyTests
{
    [Test]
    [CancelAfter(60_000)]
    public void Evaluate_ManyThreadsSharingEngine_EachGetsOwnResult()
    {
        var engine = new TemplateEngine();
        var failures = 0;

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var scope = Scope(engine, ("n", (long)i), ("name", $"host{i}"), ("label", "{{ name }}-{{ n * 2 }}"));
            var text = engine.RenderText("{{ x = n }}{{ for j in 1..3 }}{{ x = x + 1 }}{{ end }}{{ label }}:{{ x }}", scope, "t.sbn");
            if (text != $"host{i}-{i * 2}:{i + 3}" || !engine.EvaluateCondition($"n == {i}", scope))
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.That(failures, Is.Zero);
    }

    [Test]
    [CancelAfter(60_000)]
    public void Evaluate_SharedLiteralFactsFromManyThreads_ReadConsistently()
    {
        var engine = new TemplateEngine();
        var facts = Scope(engine);
        facts.SetLiteral("ansible_facts", Map(("os", "Debian"), ("disks", List("sda", "sdb")), ("mem", Map(("mb", 2048L)))));
        var failures = 0;

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var task = new VariableScope(facts);
            task.Set("i", (long)i);
            var text = engine.RenderText("{{ ansible_facts.os }}/{{ ansible_facts.disks.size }}/{{ ansible_facts.disks | array.join ',' }}/{{ ansible_facts.mem.mb + i }}", task, "t.sbn");
            if (text != $"Debian/2/sda,sdb/{2048 + i}")
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.That(failures, Is.Zero);
    }

    [Test]
    [CancelAfter(60_000)]
    public void Evaluate_HostileAndNormalInParallel_NormalUnaffected()
    {
        var engine = new TemplateEngine(new TemplateLimits { Timeout = TimeSpan.FromMilliseconds(500) });
        var hostileErrors = 0;
        var normalOk = 0;

        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var scope = Scope(engine, ("i", (long)i));
            if (i % 2 == 0)
            {
                try
                {
                    engine.RenderText("{{ while true; end }}", scope, "bad.sbn");
                }
                catch (TemplateException)
                {
                    Interlocked.Increment(ref hostileErrors);
                }
            }
            else if (Equals(engine.Evaluate("i * 10", scope), i * 10L))
            {
                Interlocked.Increment(ref normalOk);
            }
        });

        Assert.That((hostileErrors, normalOk), Is.EqualTo((20, 20)));
    }
}
