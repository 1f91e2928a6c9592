using static Provisioner.Templating.Tests.Vars;

namespace Provisioner.Templating.Tests;

public class TemplateEngineUndefinedTests
{
    private readonly TemplateEngine _engine = new();

    private VariableScope Vars1() => Scope(
        _engine,
        ("nginx", Map(("port", 80L), ("nothing", null), ("tls", Map(("cert", "/etc/c.pem"))))),
        ("items", List(Map(("name", "a")), Map(("name", "b"), ("extra", 1L)))),
        ("nil", null),
        ("blank", ""),
        ("zero", 0L));

    [Test]
    public void Evaluate_UndefinedVariable_ThrowsNamingIt()
    {
        var ex = Assert.Throws<UndefinedVariableException>(() => _engine.Evaluate("port + 1", Vars1()));

        Assert.That(ex!.VariableName, Is.EqualTo("port"));
        Assert.That(ex.Message, Does.Contain("variable 'port' is undefined"));
        Assert.That(ex.Message, Does.Contain("port ?? fallback"));
    }

    [Test]
    public void Evaluate_UndefinedVariable_ReportsColumn()
    {
        var ex = Assert.Throws<UndefinedVariableException>(() => _engine.Evaluate("1 + missing", Vars1()));

        Assert.That((ex!.Line, ex.Column), Is.EqualTo((1, 5)));
    }

    [Test]
    public void Evaluate_MissingMapKey_ThrowsNamingPath()
    {
        var ex = Assert.Throws<UndefinedVariableException>(() => _engine.Evaluate("nginx.missing", Vars1()));

        Assert.That(ex!.VariableName, Is.EqualTo("nginx.missing"));
    }

    [Test]
    public void Evaluate_MissingNestedKey_ThrowsNamingFullPath()
    {
        var ex = Assert.Throws<UndefinedVariableException>(() => _engine.Evaluate("nginx.tls.key == 1", Vars1()));

        Assert.That(ex!.VariableName, Is.EqualTo("nginx.tls.key"));
    }

    [Test]
    public void Evaluate_MissingKeyViaIndexer_ThrowsNamingPath()
    {
        var ex = Assert.Throws<UndefinedVariableException>(() => _engine.Evaluate("nginx['nope']", Vars1()));

        Assert.That(ex!.VariableName, Does.Contain("nope"));
    }

    [Test]
    public void Evaluate_MemberOfNull_IsTemplateError()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Evaluate("nginx.nothing.x", Vars1()));

        Assert.That(ex!.Message, Does.Contain("null"));
    }

    [Test]
    public void Evaluate_UndefinedFunction_ThrowsNamingIt()
    {
        var ex = Assert.Throws<UndefinedVariableException>(() => _engine.Evaluate("frobnicate(1)", Vars1()));

        Assert.That(ex!.VariableName, Is.EqualTo("frobnicate"));
    }

    [Test]
    public void RenderText_UndefinedVariable_ReportsFileLineColumn()
    {
        var ex = Assert.Throws<UndefinedVariableException>(() => _engine.RenderText("line one\nport {{ nginx.port }}\nhost {{ hostname }}\n", Vars1(), "templates/site.sbn"));

        Assert.That(ex!.Message, Does.StartWith("templates/site.sbn:3:9: variable 'hostname' is undefined"));
    }

    [Test]
    public void RenderText_UndefinedInsideLoop_Throws()
    {
        Assert.Throws<UndefinedVariableException>(() => _engine.RenderText("{{ for i in items }}{{ i.extra }}{{ end }}", Vars1(), "t.sbn"));
    }

    [TestCase("port ?? 8080", 8080L)]
    [TestCase("nginx.port ?? 8080", 80L)]
    [TestCase("nginx.missing ?? 8080", 8080L)]
    [TestCase("nginx.tls.key ?? 'none'", "none")]
    [TestCase("nope.deeper.still ?? 1", 1L)]
    [TestCase("nginx['missing'] ?? 2", 2L)]
    [TestCase("nginx.nothing ?? 3", 3L)]
    [TestCase("nil ?? 4", 4L)]
    [TestCase("(nginx.missing) ?? 5", 5L)]
    public void Evaluate_CoalesceOnUndefined_UsesFallback(string expression, object expected)
    {
        Assert.That(_engine.Evaluate(expression, Vars1()), Is.EqualTo(expected));
    }

    [Test]
    public void Evaluate_CoalesceFallbackItselfUndefined_Throws()
    {
        var ex = Assert.Throws<UndefinedVariableException>(() => _engine.Evaluate("a ?? b", Vars1()));

        Assert.That(ex!.VariableName, Is.EqualTo("b"));
    }

    [Test]
    public void Evaluate_CoalesceDoesNotHideUndefinedInFunctionCall()
    {
        Assert.Throws<UndefinedVariableException>(() => _engine.Evaluate("(nope | string.upcase) ?? 'x'", Vars1()));
    }

    [Test]
    public void Evaluate_UndefinedAfterCoalesce_StillStrict()
    {
        Assert.Throws<UndefinedVariableException>(() => _engine.Evaluate("(a ?? 1) + b", Vars1()));
    }

    [TestCase("defined('nginx')", true)]
    [TestCase("defined(\"nginx.port\")", true)]
    [TestCase("defined('nginx.tls.cert')", true)]
    [TestCase("defined('nginx.nothing')", true)]
    [TestCase("defined('nil')", true)]
    [TestCase("defined('port')", false)]
    [TestCase("defined('nginx.missing')", false)]
    [TestCase("defined('nginx.tls.key')", false)]
    [TestCase("defined('nope.deeper')", false)]
    [TestCase("defined(nginx.port)", true)]
    [TestCase("defined(nope)", false)]
    [TestCase("'nginx.port' | defined", true)]
    [TestCase("!defined('port') || port > 1", true)]
    public void Evaluate_Defined_TestsExistence(string expression, bool expected)
    {
        Assert.That(_engine.Evaluate(expression, Vars1()), Is.EqualTo(expected));
    }

    [Test]
    public void Evaluate_DefinedSeesLoopVariable()
    {
        var text = "{{ for i in items }}{{ if defined('i.extra') }}{{ i.extra }}{{ else }}-{{ end }}{{ end }}";

        Assert.That(_engine.RenderText(text, Vars1(), "t.sbn"), Is.EqualTo("-1"));
    }

    [Test]
    public void Evaluate_DefinedSeesTemplateAssignment()
    {
        Assert.That(_engine.RenderText("{{ z = 1 }}{{ defined('z') }}", Vars1(), "t.sbn"), Is.EqualTo("true"));
    }

    [Test]
    public void Evaluate_DefinedWithNonPath_IsError()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Evaluate("defined('1 + 2')", Vars1()));

        Assert.That(ex!.Message, Does.Contain("defined() expects a variable name"));
    }

    [TestCase("port | default 8080", 8080L)]
    [TestCase("nginx.port | default 8080", 80L)]
    [TestCase("nginx.missing | default 'x'", "x")]
    [TestCase("nginx.nothing | default 'n'", "n")]
    [TestCase("default(nope.deep, 7)", 7L)]
    [TestCase("(1 + 1) | default 9", 2L)]
    [TestCase("blank | default 'b'", "")]
    [TestCase("blank | default 'b' true", "b")]
    [TestCase("zero | default 5 true", 5L)]
    [TestCase("nginx.port | default 5 true", 80L)]
    [TestCase("default(missing, 3, true)", 3L)]
    public void Evaluate_Default_ReplacesUndefinedOrNull(string expression, object expected)
    {
        Assert.That(_engine.Evaluate(expression, Vars1()), Is.EqualTo(expected));
    }

    [Test]
    public void Evaluate_DefaultWithoutFallback_IsError()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Evaluate("port | default", Vars1()));

        Assert.That(ex!.Message, Does.Contain("default"));
    }
}
