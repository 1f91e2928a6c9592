using System.Text;
using static Provisioner.Templating.Tests.Vars;

namespace Provisioner.Templating.Tests;

/// <summary>Hostile or broken input ends in a TemplateException, in bounded time, never a hang or another exception.</summary>
[CancelAfter(20_000)]
public class TemplateEngineHostileInputTests
{
    private readonly TemplateEngine _engine = new();

    private VariableScope Empty() => Scope(_engine);

    [Test]
    public void RenderText_InfiniteWhile_StopsAtLoopLimit()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.RenderText("{{ while true; end }}", Empty(), "t.sbn"));

        Assert.That(ex!.Message, Does.Contain("limit"));
        Assert.That(ex.Message, Does.StartWith("t.sbn:1:4:"));
    }

    [Test]
    public void Evaluate_InfiniteWhileInsideDoBlock_StopsAtLoopLimit()
    {
        Assert.Throws<TemplateException>(() => _engine.Evaluate("(do; while true; end; ret 1; end)()", Empty()));
    }

    [Test]
    public void RenderText_HugeNestedLoops_StopsAtLoopLimit()
    {
        var ex = Assert.Throws<TemplateException>(() =>
            _engine.RenderText("{{ for a in 1..100000; for b in 1..100000; x = a * b; end; end }}", Empty(), "t.sbn"));

        Assert.That(ex!.Message, Does.Contain("limit"));
    }

    [Test]
    public void RenderText_EmptyLoopWithoutLoopLimit_StopsAtTimeLimit()
    {
        var engine = new TemplateEngine(new TemplateLimits { LoopLimit = int.MaxValue, Timeout = TimeSpan.FromMilliseconds(200) });

        var ex = Assert.Throws<TemplateException>(() => engine.RenderText("{{ while true; end }}", Scope(engine), "t.sbn"));

        Assert.That(ex!.Message, Does.Contain("time limit"));
    }

    [Test]
    public void RenderText_NestedLoopsWithoutLoopLimit_StopsAtTimeLimit()
    {
        var engine = new TemplateEngine(new TemplateLimits { LoopLimit = int.MaxValue, Timeout = TimeSpan.FromMilliseconds(300) });

        var ex = Assert.Throws<TemplateException>(() =>
            engine.RenderText("{{ for a in 1..100000; for b in 1..100000; end; end }}", Scope(engine), "t.sbn"));

        Assert.That(ex!.Message, Does.Contain("time limit"));
    }

    [Test]
    public void RenderText_InfiniteRecursion_StopsAtRecursionLimit()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.RenderText("{{ func f(n); ret f(n + 1); end; f(0) }}", Empty(), "t.sbn"));

        Assert.That(ex!.Message, Does.Contain("recursive"));
    }

    [Test]
    public void RenderText_MutualRecursion_StopsAtRecursionLimit()
    {
        Assert.Throws<TemplateException>(() => _engine.RenderText("{{ func a; ret b; end; func b; ret a; end; a }}", Empty(), "t.sbn"));
    }

    [Test]
    public void RenderText_RecursionLimitRaisedHigh_StillNoCrash()
    {
        var engine = new TemplateEngine(new TemplateLimits { RecursionLimit = 1_000_000 });

        Assert.Throws<TemplateException>(() => engine.RenderText("{{ func f(n); ret f(n + 1); end; f(0) }}", Scope(engine), "t.sbn"));
    }

    [Test]
    public void RenderText_GiantOutput_StopsAtOutputLimit()
    {
        var engine = new TemplateEngine(new TemplateLimits { MaxOutputChars = 10_000 });

        var ex = Assert.Throws<TemplateException>(() => engine.RenderText("{{ for i in 1..5000 }}xxxxxxxxxx{{ end }}", Scope(engine), "t.sbn"));

        Assert.That(ex!.Message, Does.Contain("10000"));
    }

    [Test]
    public void RenderText_OutputJustUnderLimit_Succeeds()
    {
        var engine = new TemplateEngine(new TemplateLimits { MaxOutputChars = 10_000 });

        Assert.That(engine.RenderText("{{ for i in 1..999 }}xxxxxxxxxx{{ end }}", Scope(engine), "t.sbn"), Has.Length.EqualTo(9990));
    }

    [Test]
    public void Evaluate_HugeStringMultiplication_StopsAtLimit()
    {
        Assert.Throws<TemplateException>(() => _engine.Evaluate("'a' * 1000000000", Empty()));
    }

    [Test]
    public void RenderText_StringDoubling_Bounded()
    {
        Assert.Throws<TemplateException>(() => _engine.RenderText("{{ s = 'ab'; while true; s = s + s; end }}", Empty(), "t.sbn"));
    }

    [Test]
    public void RenderText_ArrayDoubling_Bounded()
    {
        Assert.Throws<TemplateException>(() => _engine.RenderText("{{ a = [1]; while true; a = a | array.add_range a; end }}", Empty(), "t.sbn"));
    }

    [Test]
    public void Evaluate_HugeRange_StopsAtLoopLimit()
    {
        Assert.Throws<TemplateException>(() => _engine.Evaluate("(1..2000000000) | array.size", Empty()));
    }

    [Test]
    public void Evaluate_SelfContainingObject_IsTemplateError()
    {
        Assert.Throws<TemplateException>(() => _engine.RenderValue("{{ (do; o = {}; o.self = o; ret o; end)() }}", Empty()));
    }

    [Test]
    public void Evaluate_DeeplyNestedParentheses_IsSyntaxError()
    {
        var text = new string('(', 100_000) + "1" + new string(')', 100_000);

        Assert.Throws<TemplateException>(() => _engine.Evaluate(text, Empty()));
    }

    [Test]
    public void RenderText_DeeplyNestedIfs_IsError()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            sb.Append("{{ if true }}");
        }

        Assert.Throws<TemplateException>(() => _engine.RenderText(sb.ToString(), Empty(), "t.sbn"));
    }

    [Test]
    public void Evaluate_CatastrophicRegex_StopsAtTimeLimit()
    {
        var engine = new TemplateEngine(new TemplateLimits { Timeout = TimeSpan.FromMilliseconds(200) });
        var scope = Scope(engine, ("s", new string('a', 40) + "!"));

        Assert.Throws<TemplateException>(() => engine.Evaluate("regex.match s '^(a+)+$'", scope));
    }

    [Test]
    public void Evaluate_LongChainOfTemplatedVariables_IsErrorNotCrash()
    {
        var scope = Scope(_engine);
        for (var i = 0; i < 20_000; i++)
        {
            scope.Set($"v{i}", $"{{{{ v{i + 1} }}}}");
        }

        var ex = Assert.Throws<TemplateException>(() => _engine.Evaluate("v0", scope));

        Assert.That(ex!.Message, Does.Contain("levels deep"));
    }

    [Test]
    public void RenderValue_MapContainingItself_IsErrorNotCrash()
    {
        var map = Map(("a", "{{ 1 }}"));
        map["self"] = map;

        Assert.Throws<TemplateException>(() => _engine.RenderValue(map, Empty()));
    }

    [Test]
    public void Evaluate_VariableContainingItself_IsErrorNotCrash()
    {
        var list = List(1L);
        list.Add(list);
        var scope = Scope(_engine, ("loop", list));

        Assert.Throws<TemplateException>(() => _engine.Evaluate("loop.size", scope));
    }

    [TestCase("1", "+1")]
    [TestCase("a", ".b")]
    [TestCase("a", "[0]")]
    [TestCase("x", "|math.abs")]
    public void Evaluate_VeryLongChain_IsSyntaxErrorNotCrash(string head, string repeated)
    {
        var text = head + string.Concat(Enumerable.Repeat(repeated, 100_000));

        Assert.Throws<TemplateException>(() => _engine.Evaluate(text, Empty()));
        Assert.That(_engine.FreeVariables(text, isExpression: true), Is.Empty);
        Assert.That(_engine.CheckSyntax(text, isExpression: true, at: null), Is.Not.Empty);
    }

    [TestCase("{{ if }}")]
    [TestCase("{{ for }}")]
    [TestCase("{{ end }}")]
    [TestCase("{{ x = }}")]
    [TestCase("{{ 'unterminated }}")]
    [TestCase("{{ (1 + }}")]
    [TestCase("{{ [1, 2 }}")]
    [TestCase("{{ func }}")]
    [TestCase("{{ x | }}")]
    [TestCase("{{ {{ }} }}")]
    [TestCase("{{ if true }} never closed")]
    public void RenderText_MalformedTemplate_ThrowsLocatedTemplateException(string text)
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.RenderText(text, Empty(), "bad.sbn"));

        Assert.That(ex!.Message, Does.Match(@"^bad\.sbn:\d+:\d+: syntax error: "));
        Assert.That(ex.Line, Is.GreaterThan(0));
    }

    [TestCase("x >")]
    [TestCase("&& y")]
    [TestCase("(")]
    [TestCase("x = = 1")]
    [TestCase("'")]
    [TestCase("}}")]
    public void Evaluate_MalformedExpression_ThrowsTemplateException(string expression)
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Evaluate(expression, Empty(), "when"));

        Assert.That(ex!.Message, Does.StartWith("when (expression "));
    }

    [Test]
    public void RenderText_Include_IsClearError()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.RenderText("{{ include 'other.sbn' }}", Empty(), "t.sbn"));

        Assert.That(ex!.Message, Does.Contain("'include' is not available"));
    }

    [Test]
    public void RenderText_IncludeJoin_IsClearError()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.RenderText("{{ include_join ['a'] ',' }}", Empty(), "t.sbn"));

        Assert.That(ex!.Message, Does.Contain("not available"));
    }

    [Test]
    public void RenderText_ObjectEvalTemplateWithInclude_StillBlocked()
    {
        Assert.Throws<TemplateException>(() => _engine.RenderText("{{ object.eval_template \"{{ include 'x' }}\" }}", Empty(), "t.sbn"));
    }

    [Test]
    public void RenderText_ObjectEvalWithLoop_StillLimited()
    {
        Assert.Throws<TemplateException>(() => _engine.RenderText("{{ object.eval 'while true; end' }}", Empty(), "t.sbn"));
    }

    [Test]
    public void Evaluate_MemberOfDotNetValue_NotReachable()
    {
        var ex = Assert.Throws<UndefinedVariableException>(() => _engine.Evaluate("date.now.ticks", Empty()));

        Assert.That(ex!.VariableName, Is.EqualTo("date.now.ticks"));
    }

    [Test]
    public void Evaluate_DateFunctionsOnDotNetValue_StillWork()
    {
        Assert.That(_engine.Evaluate("date.parse '2024-03-01' | date.to_string '%Y/%m'", Empty()), Is.EqualTo("2024/03"));
    }

    [Test]
    public void RenderText_HostileInput_LeavesEngineUsable()
    {
        Assert.Throws<TemplateException>(() => _engine.RenderText("{{ while true; end }}", Empty(), "t.sbn"));

        Assert.That(_engine.RenderText("{{ 1 + 1 }}", Empty(), "t.sbn"), Is.EqualTo("2"));
    }

    [Test]
    public void Constructor_NonPositiveLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TemplateEngine(new TemplateLimits { LoopLimit = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TemplateEngine(new TemplateLimits { Timeout = TimeSpan.Zero }));
    }
}
