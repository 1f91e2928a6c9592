using Provisioner.Core.Data;
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Tests.Schema;

public class SchemaValidatorTests
{
    private static readonly ModuleSchema Demo = new(
        "demo",
        "A module for validator tests.",
        [
            new ArgSpec("path", ArgType.Path, "p") { Required = true, Aliases = ["dest"] },
            new ArgSpec("state", ArgType.String, "s") { Default = "file", Choices = ["file", "link", "absent"] },
            new ArgSpec("mode", ArgType.Mode, "m"),
            new ArgSpec("port", ArgType.Int, "p"),
            new ArgSpec("ratio", ArgType.Float, "r"),
            new ArgSpec("force", ArgType.Bool, "f"),
            new ArgSpec("names", ArgType.List, "n") { Elements = ArgType.Int },
            new ArgSpec("env", ArgType.Dict, "e"),
            new ArgSpec("src", ArgType.Path, "s"),
            new ArgSpec("content", ArgType.String, "c"),
            new ArgSpec("levels", ArgType.List, "l") { Choices = ["low", "high"] },
        ])
    {
        MutuallyExclusive = [["src", "content"]],
        RequiredOneOf = [["src", "content", "force"]],
        RequiredIf = [new RequiredIf("state", "link", ["src"])],
    };

    private static IReadOnlyList<ArgError> Validate(params (string Key, object? Value)[] args)
    {
        var map = PlainData.NewMap();
        foreach (var (key, value) in args)
        {
            map[key] = value;
        }

        return SchemaValidator.Validate(Demo, map);
    }

    private static readonly (string, object?)[] Base = [("path", "/x"), ("force", true)];

    private static IReadOnlyList<ArgError> ValidateWithBase(params (string Key, object? Value)[] args) =>
        Validate([.. Base, .. args]);

    [Test]
    public void Validate_ValidArguments_ReturnsNoErrors()
    {
        var errors = ValidateWithBase(("state", "absent"), ("mode", "0644"), ("port", 80L), ("names", new List<object?> { 1L, "2" }));

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Validate_UnknownArgumentCloseToKnown_SuggestsIt()
    {
        var errors = ValidateWithBase(("mdoe", "0644"));

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Argument, Is.EqualTo("mdoe"));
        Assert.That(errors[0].Message, Does.Contain("did you mean `mode`?"));
    }

    [Test]
    public void Validate_UnknownArgumentFarFromAll_ListsTheArguments()
    {
        var errors = ValidateWithBase(("colour", "red"));

        Assert.That(errors.Single().Message, Does.Contain("unknown argument").And.Contain("`path`").And.Not.Contain("did you mean"));
    }

    [Test]
    public void Validate_UndeclaredArgumentsAccepted_ReturnsNoErrors()
    {
        var open = Demo with { AcceptsUndeclaredArguments = true, RequiredOneOf = [] };
        var errors = SchemaValidator.Validate(open, new Dictionary<string, object?> { ["path"] = "/x", ["anything"] = 1L });

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Validate_AliasUsed_CountsAsTheArgument()
    {
        var errors = Validate(("dest", "/x"), ("force", "yes"));

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Validate_NameAndAliasBothGiven_ReportsDuplicate()
    {
        var errors = ValidateWithBase(("dest", "/y"));

        Assert.That(errors.Single().Message, Does.Contain("given twice"));
    }

    [Test]
    public void Validate_RequiredMissing_ReportsIt()
    {
        var errors = Validate(("force", true));

        Assert.That(errors.Single().Argument, Is.EqualTo("path"));
        Assert.That(errors.Single().Message, Does.Contain("required"));
    }

    [Test]
    public void Validate_RequiredGivenAsNull_ReportsMissing()
    {
        var errors = Validate(("path", null), ("force", true));

        Assert.That(errors.Single().Argument, Is.EqualTo("path"));
    }

    [TestCase("port", "http", "expected an integer")]
    [TestCase("port", 1.5, "expected an integer")]
    [TestCase("ratio", "half", "expected a number")]
    [TestCase("force", "maybe", "expected a boolean")]
    [TestCase("force", 2L, "expected a boolean")]
    [TestCase("mode", "rw-r--r--", "not a file mode")]
    [TestCase("mode", 648L, "not an octal number")]
    [TestCase("mode", "012345", "not a file mode")]
    [TestCase("path", "", "empty")]
    [TestCase("path", true, "expected a path")]
    public void Validate_WrongScalarType_ReportsIt(string name, object value, string expected)
    {
        var errors = Validate([.. Base.Where(b => b.Item1 != name), (name, value)]);

        Assert.That(errors.Single().Argument, Is.EqualTo(name));
        Assert.That(errors.Single().Message, Does.Contain(expected));
    }

    [Test]
    public void Validate_StructuredValueForScalar_ReportsIt()
    {
        var errors = ValidateWithBase(("content", new List<object?> { "a" }), ("env", "A=1"));

        Assert.That(errors.Select(e => e.Argument), Is.EquivalentTo(new[] { "content", "env" }));
    }

    [TestCase("port", "8080")]
    [TestCase("port", 8080.0)]
    [TestCase("ratio", "0.5")]
    [TestCase("ratio", 2L)]
    [TestCase("force", "yes")]
    [TestCase("force", "off")]
    [TestCase("force", 1L)]
    [TestCase("mode", 644L)]
    [TestCase("mode", "755")]
    [TestCase("mode", "u=rwx,g=rx,o=")]
    [TestCase("mode", "a+X")]
    [TestCase("content", 42L)]
    [TestCase("names", "1,2")]
    [TestCase("names", 7L)]
    public void Validate_ValueAuthorsExpectToCoerce_IsAccepted(string name, object value)
    {
        var errors = Validate([.. Base.Where(b => b.Item1 != name), (name, value)]);

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Validate_ListElementOfWrongType_ReportsIt()
    {
        var errors = ValidateWithBase(("names", new List<object?> { 1L, "two" }));

        Assert.That(errors.Single().Message, Does.Contain("list item").And.Contain("expected an integer"));
    }

    [Test]
    public void Validate_ValueNotAmongChoices_ListsChoices()
    {
        var errors = ValidateWithBase(("state", "directory"));

        Assert.That(errors.Single().Message, Is.EqualTo("`directory` is not one of `file`, `link`, `absent`"));
    }

    [Test]
    public void Validate_ListItemNotAmongChoices_ReportsIt()
    {
        var errors = ValidateWithBase(("levels", new List<object?> { "low", "mid" }));

        Assert.That(errors.Single().Message, Does.StartWith("`mid` is not one of"));
    }

    [Test]
    public void Validate_TemplateValue_SkipsTypeAndChoices()
    {
        var errors = ValidateWithBase(("state", "{{ wanted_state }}"), ("port", "{{ nginx.port }}"), ("names", new List<object?> { "{{ a }}", 2L }));

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Validate_TemplateValue_StillCountsAsGiven()
    {
        var errors = Validate(("path", "{{ dir }}/x"), ("src", "{{ s }}"));

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Validate_MutuallyExclusiveGivenTogether_ReportsBoth()
    {
        var errors = Validate(("path", "/x"), ("src", "/a"), ("content", "b"));

        Assert.That(errors.Single().Message, Is.EqualTo("`src`, `content` are mutually exclusive; give only one"));
    }

    [Test]
    public void Validate_RequiredOneOfMissing_ReportsGroup()
    {
        var errors = Validate(("path", "/x"));

        Assert.That(errors.Single().Message, Is.EqualTo("module `demo` needs one of `src`, `content`, `force`"));
    }

    [Test]
    public void Validate_RequiredIfConditionMet_ReportsMissing()
    {
        var errors = ValidateWithBase(("state", "link"));

        Assert.That(errors.Single().Argument, Is.EqualTo("src"));
        Assert.That(errors.Single().Message, Is.EqualTo("state=link requires `src`"));
    }

    [Test]
    public void Validate_RequiredIfConditionFromDefault_Applies()
    {
        var schema = Demo with { RequiredIf = [new RequiredIf("state", "file", ["mode"])] };
        var errors = SchemaValidator.Validate(schema, new Dictionary<string, object?> { ["path"] = "/x", ["force"] = true });

        Assert.That(errors.Single().Argument, Is.EqualTo("mode"));
    }

    [Test]
    public void Validate_RequiredIfOnBoolean_MatchesCoercedText()
    {
        var schema = Demo with { RequiredIf = [new RequiredIf("force", "true", ["mode"])] };
        var errors = SchemaValidator.Validate(schema, new Dictionary<string, object?> { ["path"] = "/x", ["force"] = true });

        Assert.That(errors.Single().Argument, Is.EqualTo("mode"));
    }

    [Test]
    public void Validate_RequiredIfOnBooleanGivenAsYes_MatchesTrue()
    {
        var schema = Demo with { RequiredIf = [new RequiredIf("force", "true", ["mode"])] };
        var errors = SchemaValidator.Validate(schema, new Dictionary<string, object?> { ["path"] = "/x", ["force"] = "yes" });

        Assert.That(errors.Single().Argument, Is.EqualTo("mode"));
    }

    [Test]
    public void Validate_RequiredIfConditionIsTemplate_IsDeferred()
    {
        var errors = ValidateWithBase(("state", "{{ s }}"));

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var errors = Validate(("mdoe", "0644"), ("state", "nope"), ("src", "/a"), ("content", "b"), ("port", "x"));

        Assert.That(errors.Select(e => e.Argument), Is.EquivalentTo(new[] { "mdoe", "state", "port", "path", "src" }));
    }

    [TestCase("mode", "mode", 0)]
    [TestCase("mdoe", "mode", 1)]
    [TestCase("grup", "group", 1)]
    [TestCase("", "abc", 3)]
    [TestCase("kitten", "sitting", 3)]
    public void EditDistance_Pairs_AreAsExpected(string a, string b, int expected)
    {
        Assert.That(SchemaValidator.EditDistance(a, b), Is.EqualTo(expected));
    }
}
