using static Provisioner.Templating.Tests.Vars;

namespace Provisioner.Templating.Tests;

public class TemplateEngineHelperFunctionTests
{
    private readonly TemplateEngine _engine = new();

    private VariableScope Data() => Scope(
        _engine,
        ("cfg", Map(("name", "shop"), ("port", 8080L), ("ratio", 0.25), ("on", true), ("none", null), ("tags", List("a", "b")), ("empty", Map()))));

    [Test]
    public void ToJson_Map_CompactInSourceOrder()
    {
        Assert.That(
            _engine.Evaluate("to_json cfg", Data()),
            Is.EqualTo("""{"name":"shop","port":8080,"ratio":0.25,"on":true,"none":null,"tags":["a","b"],"empty":{}}"""));
    }

    [Test]
    public void ToJson_Indented_HasNewlines()
    {
        var json = (string)_engine.Evaluate("to_json(cfg.tags, true)", Data())!;

        Assert.That(json, Does.Contain("\n"));
        Assert.That(json.Replace(" ", "").Replace("\n", "").Replace("\r", ""), Is.EqualTo("""["a","b"]"""));
    }

    [Test]
    public void ToJson_StringWithQuotes_Escaped()
    {
        Assert.That(_engine.Evaluate("to_json 'say \"hi\"'", Data()), Is.EqualTo("\"say \\\"hi\\\"\""));
    }

    [Test]
    public void ToJson_Piped_Works()
    {
        Assert.That(_engine.Evaluate("cfg.port | to_json", Data()), Is.EqualTo("8080"));
    }

    [Test]
    public void ToYaml_Map_BlockStyle()
    {
        var yaml = _engine.Evaluate("to_yaml cfg", Data());

        Assert.That(yaml, Is.EqualTo("name: shop\nport: 8080\nratio: 0.25\n\"on\": true\nnone: null\ntags:\n  - a\n  - b\nempty: {}\n"));
    }

    [TestCase("'yes'", "\"yes\"\n")]
    [TestCase("'123'", "\"123\"\n")]
    [TestCase("'a: b'", "\"a: b\"\n")]
    [TestCase("''", "\"\"\n")]
    [TestCase("'plain'", "plain\n")]
    public void ToYaml_AmbiguousStrings_Quoted(string expression, string expected)
    {
        Assert.That(_engine.Evaluate($"to_yaml {expression}", Data()), Is.EqualTo(expected));
    }

    [Test]
    public void ToYaml_ListOfMaps_Nested()
    {
        Assert.That(_engine.Evaluate("to_yaml [{a: 1}, [2]]", Data()), Is.EqualTo("-\n  a: 1\n-\n  - 2\n"));
    }

    [Test]
    public void ToJson_FunctionValue_IsTemplateError()
    {
        Assert.Throws<TemplateException>(() => _engine.Evaluate("to_json(@string.upcase)", Data()));
    }

    [Test]
    public void HelperWrongArgumentCount_IsTemplateError()
    {
        var ex = Assert.Throws<TemplateException>(() => _engine.Evaluate("defined('a', 'b')", Data()));

        Assert.That(ex!.Message, Does.Contain("defined"));
    }

    [Test]
    public void StandardObjectToJson_StillAvailable()
    {
        Assert.That(_engine.Evaluate("cfg.tags | object.to_json", Data()), Is.EqualTo("""["a","b"]"""));
    }
}
