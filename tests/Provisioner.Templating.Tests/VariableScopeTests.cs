using Provisioner.Core.Data;
using static Provisioner.Templating.Tests.Vars;

namespace Provisioner.Templating.Tests;

public class VariableScopeTests
{
    private readonly TemplateEngine _engine = new();

    [Test]
    public void TryGet_OwnValue_Found()
    {
        var scope = Scope(_engine, ("a", 1L));

        Assert.That(scope.TryGet("a", out var value), Is.True);
        Assert.That(value, Is.EqualTo(1L));
    }

    [Test]
    public void TryGet_Unknown_NotFound()
    {
        Assert.That(Scope(_engine).TryGet("a", out _), Is.False);
    }

    [Test]
    public void TryGet_ParentValue_FallsThrough()
    {
        var parent = Scope(_engine, ("a", "p"));
        var child = new VariableScope(parent);

        Assert.That(child.TryGet("a", out var value), Is.True);
        Assert.That(value, Is.EqualTo("p"));
    }

    [Test]
    public void Set_InChild_ShadowsParentWithoutChangingIt()
    {
        var parent = Scope(_engine, ("a", "p"));
        var child = new VariableScope(parent);

        child.Set("a", "c");

        Assert.That(child.TryGet("a", out var c) && Equals(c, "c"), Is.True);
        Assert.That(parent.TryGet("a", out var p) && Equals(p, "p"), Is.True);
    }

    [Test]
    public void Set_NullValue_IsDefined()
    {
        var scope = Scope(_engine, ("a", null));

        Assert.That(scope.TryGet("a", out var value), Is.True);
        Assert.That(value, Is.Null);
    }

    [Test]
    public void Names_IncludesParentsOnce()
    {
        var parent = Scope(_engine, ("a", 1L), ("b", 2L));
        var child = new VariableScope(parent);
        child.Set("b", 3L);
        child.Set("c", 4L);

        Assert.That(child.Names, Is.EquivalentTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void TryGet_TemplatedString_RenderedLazily()
    {
        var scope = Scope(_engine, ("host", "web1"), ("url", "http://{{ host }}/"));

        Assert.That(scope.TryGet("url", out var value), Is.True);
        Assert.That(value, Is.EqualTo("http://web1/"));
    }

    [Test]
    public void TryGet_VarReferringToLaterSetFact_SeesCurrentValue()
    {
        var facts = Scope(_engine);
        var play = new VariableScope(facts);
        play.Set("fqdn", "{{ hostname }}.example.org");
        facts.Set("hostname", "db2");

        Assert.That(play.TryGet("fqdn", out var value) ? value : null, Is.EqualTo("db2.example.org"));
    }

    [Test]
    public void TryGet_ParentTemplate_RenderedAgainstInnermostScope()
    {
        var play = Scope(_engine, ("port", 80L), ("url", "http://localhost:{{ port }}"));
        var task = new VariableScope(play);
        task.Set("port", 8080L);

        Assert.That(task.TryGet("url", out var fromTask) ? fromTask : null, Is.EqualTo("http://localhost:8080"));
        Assert.That(play.TryGet("url", out var fromPlay) ? fromPlay : null, Is.EqualTo("http://localhost:80"));
    }

    [Test]
    public void TryGet_TemplatedNativeValue_KeepsType()
    {
        var scope = Scope(_engine, ("ports", List(80L, 443L)), ("first", "{{ ports[0] }}"), ("all", "{{ ports }}"));

        Assert.That(scope.TryGet("first", out var first) ? first : null, Is.EqualTo(80L));
        Assert.That(scope.TryGet("all", out var all) ? all : null, Is.EqualTo(new object?[] { 80L, 443L }));
    }

    [Test]
    public void TryGet_TemplatesInsideMap_RenderedDeeply()
    {
        var scope = Scope(_engine, ("name", "shop"), ("site", Map(("root", "/srv/{{ name }}"), ("aliases", List("{{ name }}.local")))));

        scope.TryGet("site", out var site);

        Assert.That(PlainData.DeepEquals(site, Map(("root", "/srv/shop"), ("aliases", List("shop.local")))), Is.True, PlainData.ToDisplayString(site));
    }

    [Test]
    public void TryGet_ChainOfTemplatedVars_Resolves()
    {
        var scope = Scope(_engine, ("a", "{{ b }}-a"), ("b", "{{ c }}-b"), ("c", "c"));

        Assert.That(scope.TryGet("a", out var value) ? value : null, Is.EqualTo("c-b-a"));
    }

    [Test]
    public void TryGet_SameVarTwiceInOneTemplate_IsNotACycle()
    {
        var scope = Scope(_engine, ("a", "{{ b }}{{ b }}"), ("b", "{{ c }}"), ("c", "x"));

        Assert.That(scope.TryGet("a", out var value) ? value : null, Is.EqualTo("xx"));
    }

    [Test]
    public void TryGet_TwoVarCycle_ThrowsNamingChain()
    {
        var scope = Scope(_engine, ("a", "{{ b }}"), ("b", "{{ a }}"));

        var ex = Assert.Throws<TemplateException>(() => scope.TryGet("a", out _));

        Assert.That(ex!.Message, Does.Contain("variable 'a' refers to itself (a -> b -> a)"));
    }

    [Test]
    public void TryGet_SelfReference_ThrowsNamingChain()
    {
        var scope = Scope(_engine, ("a", "x{{ a }}"));

        var ex = Assert.Throws<TemplateException>(() => scope.TryGet("a", out _));

        Assert.That(ex!.Message, Does.Contain("variable 'a' refers to itself (a -> a)"));
    }

    [Test]
    public void TryGet_CycleEnteredFromOutside_NamesOnlyTheCycle()
    {
        var scope = Scope(_engine, ("start", "{{ a }}"), ("a", "{{ b }}"), ("b", "{{ a }}"));

        var ex = Assert.Throws<TemplateException>(() => scope.TryGet("start", out _));

        Assert.That(ex!.Message, Does.Contain("(a -> b -> a)"));
    }

    [Test]
    public void Evaluate_CycleReachedFromExpression_ThrowsTemplateException()
    {
        var scope = Scope(_engine, ("a", "{{ b }}"), ("b", "{{ a }}"));

        var ex = Assert.Throws<TemplateException>(() => _engine.Evaluate("1 + a == 1", scope, "site.yml:3:9"));

        Assert.That(ex!.Message, Does.StartWith("variable 'a' refers to itself (a -> b -> a)"));
        Assert.That(ex.Message, Does.EndWith("(read at site.yml:3:9 (expression 1:5))"));
    }

    [Test]
    public void TryGet_TemplatedVarWithUndefinedReference_NamesVariableAndMissingName()
    {
        var scope = Scope(_engine, ("a", "{{ nope }}"));

        var ex = Assert.Throws<UndefinedVariableException>(() => scope.TryGet("a", out _));

        Assert.That(ex!.VariableName, Is.EqualTo("nope"));
        Assert.That(ex.Message, Does.StartWith("variable 'a' (template 1:4)"));
    }

    [Test]
    public void RenderText_TemplatedVarWithUndefinedReference_SaysWhereItWasRead()
    {
        var scope = Scope(_engine, ("a", "{{ b }}"), ("b", "{{ nope }}"));

        var ex = Assert.Throws<UndefinedVariableException>(() => _engine.RenderText("x\n{{ a }}", scope, "t.sbn"));

        Assert.That(ex!.VariableName, Is.EqualTo("nope"));
        Assert.That(ex.Message, Does.StartWith("variable 'b' (template 1:4): variable 'nope' is undefined"));
        Assert.That(ex.Message, Does.EndWith("(read at t.sbn:2:4)"));
    }

    [Test]
    public void TryGet_ForeignParentScope_UsedAsIs()
    {
        var foreign = new FixedScope(new Dictionary<string, object?> { ["raw"] = "{{ not rendered here }}" });
        var scope = new VariableScope(foreign, _engine);

        Assert.That(scope.TryGet("raw", out var value) ? value : null, Is.EqualTo("{{ not rendered here }}"));
    }

    [Test]
    public void SetLiteral_ValueWithBraces_NeverRendered()
    {
        var scope = Scope(_engine);
        scope.SetLiteral("result", Map(("stdout", "{{ while true; end }}")));

        Assert.That(_engine.Evaluate("result.stdout", scope), Is.EqualTo("{{ while true; end }}"));
        Assert.That(_engine.RenderValue("out: {{ result.stdout }}", scope), Is.EqualTo("out: {{ while true; end }}"));
    }

    [Test]
    public void SetLiteral_InParent_NotRenderedFromChild()
    {
        var facts = Scope(_engine);
        facts.SetLiteral("motd", "{{ nope }}");
        var child = new VariableScope(facts);

        Assert.That(child.TryGet("motd", out var value) ? value : null, Is.EqualTo("{{ nope }}"));
    }

    [Test]
    public void SetLiteral_AssignmentIntoItInTemplate_IsErrorAndDoesNotLeak()
    {
        var scope = Scope(_engine);
        scope.SetLiteral("facts", Map(("os", "Debian"), ("disks", List("sda"))));

        var ex = Assert.Throws<TemplateException>(() => _engine.RenderText("{{ facts.os = 'x' }}", scope, "t.sbn"));
        Assert.That(ex!.Message, Does.Contain("read-only"));
        Assert.Throws<TemplateException>(() => _engine.RenderText("{{ facts.disks[0] = 'x' }}", scope, "t.sbn"));
        Assert.Throws<TemplateException>(() => _engine.RenderText("{{ facts['added'] = 1 }}", scope, "t.sbn"));
        Assert.Throws<TemplateException>(() => _engine.RenderText("{{ with facts; os = 'x'; end }}", scope, "t.sbn"));

        Assert.That(_engine.Evaluate("facts.os + facts.disks[0]", scope), Is.EqualTo("Debiansda"));
    }

    [Test]
    public void SetLiteral_CopiedIntoNewVariable_CopyIsWritable()
    {
        var scope = Scope(_engine);
        scope.SetLiteral("facts", Map(("disks", List("sda"))));

        Assert.That(_engine.RenderText("{{ d = facts.disks | array.add 'sdb' }}{{ d | array.join ',' }}", scope, "t.sbn"), Is.EqualTo("sda,sdb"));
    }

    [Test]
    public void SetLiteral_ReplacedValue_SeenByNextEvaluation()
    {
        var scope = Scope(_engine);
        scope.SetLiteral("facts", Map(("os", "Debian")));
        Assert.That(_engine.Evaluate("facts.os", scope), Is.EqualTo("Debian"));

        scope.SetLiteral("facts", Map(("os", "Ubuntu")));

        Assert.That(_engine.Evaluate("facts.os", scope), Is.EqualTo("Ubuntu"));
    }

    [Test]
    public void Set_AfterSetLiteral_RendersAgain()
    {
        var scope = Scope(_engine, ("x", 1L));
        scope.SetLiteral("v", "{{ x }}");

        scope.Set("v", "{{ x }}");

        Assert.That(scope.TryGet("v", out var value) ? value : null, Is.EqualTo(1L));
    }

    [Test]
    public void Engine_NotGiven_InheritedFromParent()
    {
        var parent = new VariableScope(engine: _engine);

        Assert.That(new VariableScope(parent).Engine, Is.SameAs(_engine));
    }

    [Test]
    public void Remove_OwnValue_UncoversParent()
    {
        var parent = Scope(_engine, ("a", 1L));
        var child = new VariableScope(parent);
        child.Set("a", 2L);

        Assert.That(child.Remove("a"), Is.True);
        Assert.That(child.TryGet("a", out var value) ? value : null, Is.EqualTo(1L));
    }

    [Test]
    public void Set_EmptyName_Throws()
    {
        Assert.Throws<ArgumentException>(() => Scope(_engine).Set("", 1L));
    }

    private sealed class FixedScope(Dictionary<string, object?> values) : IVariableScope
    {
        public IEnumerable<string> Names => values.Keys;

        public bool TryGet(string name, out object? value) => values.TryGetValue(name, out value);
    }
}
