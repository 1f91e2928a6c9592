using static Provisioner.Templating.Tests.Vars;

namespace Provisioner.Templating.Tests;

public class TemplateEngineEvaluateTests
{
    private readonly TemplateEngine _engine = new();

    private VariableScope Vars3() => Scope(
        _engine,
        ("x", 3L),
        ("y", true),
        ("os", "Debian"),
        ("empty_list", List()),
        ("nginx", Map(("port", 80L), ("nested", Map(("deep", "v"))))));

    [TestCase("x > 1 && y", true)]
    [TestCase("x > 5 || !y", false)]
    [TestCase("os == 'Debian'", true)]
    [TestCase("os != \"Debian\"", false)]
    [TestCase("nginx.port == 80", true)]
    [TestCase("empty_list", false)]
    [TestCase("'no'", false)]
    [TestCase("'yes'", true)]
    [TestCase("0", false)]
    [TestCase("null", false)]
    public void EvaluateCondition_Expression_AppliesTruthiness(string expression, bool expected)
    {
        Assert.That(_engine.EvaluateCondition(expression, Vars3()), Is.EqualTo(expected));
    }

    [Test]
    public void Evaluate_Arithmetic_ReturnsLong()
    {
        Assert.That(_engine.Evaluate("x * 2 + 1", Vars3()), Is.EqualTo(7L).And.TypeOf<long>());
    }

    [Test]
    public void Evaluate_Division_ReturnsDouble()
    {
        Assert.That(_engine.Evaluate("x / 2", Vars3()), Is.EqualTo(1.5));
    }

    [Test]
    public void Evaluate_StringFunctionPipe_ReturnsString()
    {
        Assert.That(_engine.Evaluate("os | string.downcase", Vars3()), Is.EqualTo("debian"));
    }

    [Test]
    public void Evaluate_IndexerOnMap_ReturnsValue()
    {
        Assert.That(_engine.Evaluate("nginx['nested']['deep']", Vars3()), Is.EqualTo("v"));
    }

    [Test]
    public void Evaluate_ArraySize_ReturnsCount()
    {
        Assert.That(_engine.Evaluate("empty_list.size", Vars3()), Is.EqualTo(0L));
        Assert.That(_engine.Evaluate("(empty_list | array.add 1).size", Vars3()), Is.EqualTo(1L));
    }

    [Test]
    public void Evaluate_ArrayContainsOnScopeList_MatchesIntegerLiteral()
    {
        var scope = Scope(_engine, ("ports", List(80L, 443L)), ("big", List(5_000_000_000L)));

        Assert.That(_engine.Evaluate("ports | array.contains 443", scope), Is.EqualTo(true));
        Assert.That(_engine.Evaluate("big | array.contains 5000000000", scope), Is.EqualTo(true));
    }

    [Test]
    public void Evaluate_LongBeyondIntRange_RoundTripsAsLong()
    {
        var scope = Scope(_engine, ("size", 5_000_000_000L));

        Assert.That(_engine.Evaluate("size + 1", scope), Is.EqualTo(5_000_000_001L).And.TypeOf<long>());
    }

    [Test]
    public void RenderText_LoopMetadata_Available()
    {
        var scope = Scope(_engine, ("hosts", List("a", "b", "c")));

        Assert.That(_engine.RenderText("{{ for h in hosts }}{{ for.index }}={{ h }}{{ if !for.last }},{{ end }}{{ end }}", scope, "t.sbn"), Is.EqualTo("0=a,1=b,2=c"));
    }

    [Test]
    public void Evaluate_StringSize_ReturnsLength()
    {
        Assert.That(_engine.Evaluate("os.size", Vars3()), Is.EqualTo(6L));
    }

    [Test]
    public void Evaluate_LoneTemplateBlock_AcceptedAsExpression()
    {
        Assert.That(_engine.EvaluateCondition("{{ x == 3 }}", Vars3()), Is.True);
    }

    [Test]
    public void Evaluate_TemplateWithText_IsError()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Evaluate("x is {{ x }}", Vars3(), "when"));

        Assert.That(ex!.Message, Does.Contain("bare expression"));
    }

    [Test]
    public void Evaluate_Statement_IsError()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Evaluate("if x; 1; end", Vars3(), "when"));

        Assert.That(ex!.Message, Does.Contain("single expression"));
    }

    [Test]
    public void Evaluate_TwoExpressions_IsError()
    {
        Assert.Throws<TemplateException>(() => _engine.Evaluate("x; y", Vars3()));
    }

    [Test]
    public void Evaluate_EmptyExpression_IsError()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Evaluate("   ", Vars3()));

        Assert.That(ex!.Message, Does.Contain("empty"));
    }

    [Test]
    public void Evaluate_FunctionWithoutArguments_IsTemplateError()
    {
        Assert.Throws<TemplateException>(() => _engine.Evaluate("string.upcase", Vars3()));
    }

    [Test]
    public void Evaluate_ScopeVariableNamedLikeBuiltin_ShadowsBuiltin()
    {
        var scope = Scope(_engine, ("date", "2024-01-01"));

        Assert.That(_engine.Evaluate("date", scope), Is.EqualTo("2024-01-01"));
    }

    [Test]
    public void Evaluate_TemplateAssignment_DoesNotChangeScope()
    {
        var scope = Vars3();

        _engine.RenderText("{{ x = 100; nginx.port = 1 }}", scope, "t.sbn");

        Assert.That(_engine.Evaluate("x + nginx.port", scope), Is.EqualTo(83L));
    }

    [Test]
    public void RenderText_ChangingSharedBuiltinState_IsErrorAndLeavesItUnchanged()
    {
        var scope = Vars3();
        var before = _engine.Evaluate("date.format", scope);

        Assert.Throws<TemplateException>(() => _engine.RenderText("{{ date.format = '%Y' }}", scope, "t.sbn"));

        Assert.That(_engine.Evaluate("date.format", scope), Is.EqualTo(before));
    }

    [Test]
    public void RenderText_ReplacingBuiltinFunction_IsError()
    {
        Assert.Throws<TemplateException>(() => _engine.RenderText("{{ string.upcase = 1 }}", Vars3(), "t.sbn"));
    }

    [Test]
    public void RenderText_ShadowingBuiltinObjectLocally_DoesNotAffectNextEvaluation()
    {
        var scope = Vars3();

        Assert.That(_engine.RenderText("{{ math = 1 }}{{ math }}", scope, "t.sbn"), Is.EqualTo("1"));
        Assert.That(_engine.Evaluate("-3 | math.abs", scope), Is.EqualTo(3L));
    }

    [Test]
    public void Evaluate_ErrorMessage_SaysExpressionPosition()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Evaluate("x + 'a' * {}", Vars3(), "roles/web/tasks/main.yml:7:11"));

        Assert.That(ex!.Message, Does.StartWith("roles/web/tasks/main.yml:7:11 (expression 1:"));
    }

    [Test]
    public void Evaluate_NullScope_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => _engine.Evaluate("1", null!));
    }
}
