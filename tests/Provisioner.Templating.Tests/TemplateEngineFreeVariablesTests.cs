namespace Provisioner.Templating.Tests;

public class TemplateEngineFreeVariablesTests
{
    private readonly TemplateEngine _engine = new();

    [TestCase("x > 1 && y", new[] { "x", "y" })]
    [TestCase("nginx.port + other.deep.value", new[] { "nginx", "other" })]
    [TestCase("items[index]", new[] { "items", "index" })]
    [TestCase("name | string.upcase", new[] { "name" })]
    [TestCase("math.abs(n)", new[] { "n" })]
    [TestCase("1 + 2", new string[0])]
    [TestCase("port ?? fallback", new[] { "fallback" })]
    [TestCase("nginx.port ?? 80", new string[0])]
    [TestCase("defined('a') && defined(b.c)", new string[0])]
    [TestCase("port | default dflt", new[] { "dflt" })]
    [TestCase("cfg[key] ?? 1", new[] { "key" })]
    public void FreeVariables_Expression_ListsReadRoots(string text, string[] expected)
    {
        Assert.That(_engine.FreeVariables(text, isExpression: true), Is.EquivalentTo(expected));
    }

    [Test]
    public void FreeVariables_LoopVariable_Excluded()
    {
        var names = _engine.FreeVariables("{{ for host in groups.web }}{{ host.name }} {{ for.index }}{{ if !for.last }},{{ end }}{{ end }}", isExpression: false);

        Assert.That(names, Is.EquivalentTo(new[] { "groups" }));
    }

    [Test]
    public void FreeVariables_AssignedName_Excluded()
    {
        var names = _engine.FreeVariables("{{ total = base + 1 }}{{ total }}", isExpression: false);

        Assert.That(names, Is.EquivalentTo(new[] { "base" }));
    }

    [Test]
    public void FreeVariables_FunctionAndParameters_Excluded()
    {
        var names = _engine.FreeVariables("{{ func twice(v); ret v * factor; end }}{{ twice 3 }}", isExpression: false);

        Assert.That(names, Is.EquivalentTo(new[] { "factor" }));
    }

    [Test]
    public void FreeVariables_Capture_Excluded()
    {
        var names = _engine.FreeVariables("{{ capture body }}{{ x }}{{ end }}{{ body }}", isExpression: false);

        Assert.That(names, Is.EquivalentTo(new[] { "x" }));
    }

    [Test]
    public void FreeVariables_PlainText_Empty()
    {
        Assert.That(_engine.FreeVariables("no templates here", isExpression: false), Is.Empty);
    }

    [Test]
    public void FreeVariables_SyntaxError_Empty()
    {
        Assert.That(_engine.FreeVariables("{{ if }}", isExpression: false), Is.Empty);
    }

    [Test]
    public void FreeVariables_MemberNames_NotReported()
    {
        Assert.That(_engine.FreeVariables("a.b.c", isExpression: true), Is.EquivalentTo(new[] { "a" }));
    }

    [Test]
    public void FreeVariables_ObjectLiteralKeys_NotReported()
    {
        Assert.That(_engine.FreeVariables("{ key: value }", isExpression: true), Is.EquivalentTo(new[] { "value" }));
    }
}
