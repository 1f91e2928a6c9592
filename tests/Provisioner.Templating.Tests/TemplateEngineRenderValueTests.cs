using Provisioner.Core.Data;
using static Provisioner.Templating.Tests.Vars;

namespace Provisioner.Templating.Tests;

public class TemplateEngineRenderValueTests
{
    private readonly TemplateEngine _engine = new();

    private VariableScope Facts() => Scope(
        _engine,
        ("nginx", Map(("port", 80L), ("ratio", 0.5), ("enabled", true), ("servers", List("a", "b")))),
        ("name", "web1"),
        ("count", 3L));

    [Test]
    public void RenderValue_SingleExpressionOfInt_ReturnsLong()
    {
        Assert.That(_engine.RenderValue("{{ nginx.port }}", Facts()), Is.EqualTo(80L).And.TypeOf<long>());
    }

    [Test]
    public void RenderValue_ArithmeticOnLiteralInts_ReturnsLong()
    {
        Assert.That(_engine.RenderValue("{{ 1 + 2 }}", Facts()), Is.EqualTo(3L).And.TypeOf<long>());
    }

    [Test]
    public void RenderValue_SingleExpressionOfDouble_ReturnsDouble()
    {
        Assert.That(_engine.RenderValue("{{ nginx.ratio * 3 }}", Facts()), Is.EqualTo(1.5).And.TypeOf<double>());
    }

    [Test]
    public void RenderValue_SingleExpressionOfBool_ReturnsBool()
    {
        Assert.That(_engine.RenderValue("{{ nginx.enabled }}", Facts()), Is.EqualTo(true).And.TypeOf<bool>());
    }

    [Test]
    public void RenderValue_SingleExpressionOfList_ReturnsPlainList()
    {
        var result = _engine.RenderValue("{{ nginx.servers }}", Facts());

        Assert.That(result, Is.TypeOf<List<object?>>());
        Assert.That(result, Is.EqualTo(new object?[] { "a", "b" }));
    }

    [Test]
    public void RenderValue_ListLiteral_ReturnsListOfLongs()
    {
        var result = _engine.RenderValue("{{ [80, 443] }}", Facts());

        Assert.That(result, Is.EqualTo(new object?[] { 80L, 443L }));
        Assert.That(((List<object?>)result!)[0], Is.TypeOf<long>());
    }

    [Test]
    public void RenderValue_SingleExpressionOfMap_ReturnsOrderedPlainMap()
    {
        var result = _engine.RenderValue("{{ nginx }}", Facts());

        Assert.That(result, Is.TypeOf<OrderedDictionary<string, object?>>());
        var map = (OrderedDictionary<string, object?>)result!;
        Assert.That(map.Keys, Is.EqualTo(new[] { "port", "ratio", "enabled", "servers" }));
        Assert.That(map["port"], Is.EqualTo(80L));
    }

    [Test]
    public void RenderValue_ObjectLiteral_ReturnsMap()
    {
        var result = _engine.RenderValue("{{ {a: 1, b: 'x'} }}", Facts());

        Assert.That(PlainData.DeepEquals(result, Map(("a", 1L), ("b", "x"))), Is.True, PlainData.ToDisplayString(result));
    }

    [Test]
    public void RenderValue_WhitespaceAroundSingleExpression_StillNative()
    {
        Assert.That(_engine.RenderValue("  {{ count }}\n", Facts()), Is.EqualTo(3L));
    }

    [Test]
    public void RenderValue_NullExpression_ReturnsNull()
    {
        Assert.That(_engine.RenderValue("{{ null }}", Facts()), Is.Null);
    }

    [Test]
    public void RenderValue_TextAroundExpression_ReturnsString()
    {
        Assert.That(_engine.RenderValue("listen {{ nginx.port }};", Facts()), Is.EqualTo("listen 80;"));
    }

    [Test]
    public void RenderValue_TwoExpressions_ReturnsConcatenatedText()
    {
        Assert.That(_engine.RenderValue("{{ name }}{{ count }}", Facts()), Is.EqualTo("web13"));
    }

    [Test]
    public void RenderValue_StringWithoutTemplate_ReturnsSameInstance()
    {
        var text = "plain text";

        Assert.That(_engine.RenderValue(text, Facts()), Is.SameAs(text));
    }

    [Test]
    public void RenderValue_MapWithoutTemplates_ReturnsSameInstance()
    {
        var map = Map(("a", "x"), ("b", List(1L, "y")));

        Assert.That(_engine.RenderValue(map, Facts()), Is.SameAs(map));
    }

    [Test]
    public void RenderValue_NestedMapAndList_RendersDeeply()
    {
        var value = Map(("listen", "{{ nginx.port }}"), ("names", List("{{ name }}", "static", "{{ nginx.servers }}")), ("n", 5L));

        var result = _engine.RenderValue(value, Facts());

        var expected = Map(("listen", 80L), ("names", List("web1", "static", List("a", "b"))), ("n", 5L));
        Assert.That(PlainData.DeepEquals(result, expected), Is.True, PlainData.ToDisplayString(result));
    }

    [Test]
    public void RenderValue_NonStringScalars_ReturnedUnchanged()
    {
        Assert.That(_engine.RenderValue(42L, Facts()), Is.EqualTo(42L));
        Assert.That(_engine.RenderValue(null, Facts()), Is.Null);
        Assert.That(_engine.RenderValue(true, Facts()), Is.EqualTo(true));
    }

    [Test]
    public void RenderValue_StandardBuiltins_Available()
    {
        Assert.That(_engine.RenderValue("{{ name | string.upcase }}-{{ nginx.servers | array.join ',' }}-{{ -2 | math.abs }}", Facts()), Is.EqualTo("WEB1-a,b-2"));
    }

    [Test]
    public void RenderValue_ForLoopInString_RendersText()
    {
        Assert.That(_engine.RenderValue("{{ for s in nginx.servers }}[{{ s }}]{{ end }}", Facts()), Is.EqualTo("[a][b]"));
    }

    [Test]
    public void RenderValue_ErrorMessage_NamesSource()
    {
        var ex = Assert.Throws<UndefinedVariableException>(() => _engine.RenderValue("x {{ missing }}", Facts(), "site.yml:12:9"));

        Assert.That(ex!.Message, Does.StartWith("site.yml:12:9 (template 1:6):"));
        Assert.That(ex.Origin, Is.EqualTo("site.yml:12:9"));
        Assert.That((ex.Line, ex.Column), Is.EqualTo((1, 6)));
    }
}
