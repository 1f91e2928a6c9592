using Provisioner.Core.Data;
using Provisioner.Core.Schema;
using Provisioner.Language.Yaml;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Tests;

public class ModuleCatalogTests
{
    private static readonly string[] Expected =
    [
        "apt", "service", "file", "copy", "template", "lineinfile", "user", "group", "command", "shell",
        "docker_container", "docker_image", "docker_network", "wait_for", "set_fact", "debug", "assert", "fail", "meta", "sysctl",
    ];

    private static IEnumerable<ModuleSchema> AllSchemas() => ModuleCatalog.Schemas.All;

    [Test]
    public void Schemas_All_HoldsEveryModuleOnce()
    {
        Assert.That(ModuleCatalog.Schemas.All.Select(s => s.Name), Is.EquivalentTo(Expected));
    }

    [TestCase("package", "apt")]
    [TestCase("systemd", "service")]
    [TestCase("file", "file")]
    public void Find_NameOrAlias_ReturnsSchema(string name, string expected)
    {
        Assert.That(ModuleCatalog.Schemas.Find(name)?.Name, Is.EqualTo(expected));
    }

    [Test]
    public void Find_UnknownName_ReturnsNull()
    {
        Assert.That(ModuleCatalog.Schemas.Find("yum"), Is.Null);
    }

    [TestCaseSource(nameof(AllSchemas))]
    public void Schema_Declaration_IsConsistent(ModuleSchema schema)
    {
        var names = schema.Arguments.SelectMany(a => a.Aliases.Prepend(a.Name)).ToList();
        var groups = schema.MutuallyExclusive.Concat(schema.RequiredOneOf).SelectMany(g => g)
            .Concat(schema.RequiredIf.SelectMany(r => r.Requires.Prepend(r.Argument)));

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.Unique, "argument names and aliases");
            Assert.That(groups.Where(g => schema.Arguments.All(a => a.Name != g)), Is.Empty, "groups name declared arguments");
            Assert.That(schema.FreeForm is null || schema.Find(schema.FreeForm) is not null, "free-form argument is declared");
            Assert.That(schema.Summary, Is.Not.Empty);
            Assert.That(schema.Examples, Has.Count.InRange(1, 3));
            Assert.That(schema.Returns, Is.Not.Empty);
            Assert.That(schema.Arguments.Where(a => a.Description.Length == 0), Is.Empty, "every argument is described");
        });

        foreach (var arg in schema.Arguments.Where(a => a.Default is not null))
        {
            var errors = SchemaValidator.Validate(schema with { RequiredOneOf = [], RequiredIf = [] },
                RequiredArgs(schema).Append(new KeyValuePair<string, object?>(arg.Name, arg.Default)).ToDictionary());
            Assert.That(errors, Is.Empty, $"default of {arg.Name} fits its own type and choices");
        }
    }

    [TestCaseSource(nameof(AllSchemas))]
    public void Schema_Examples_ValidateAgainstTheSchema(ModuleSchema schema)
    {
        foreach (var example in schema.Examples)
        {
            var tasks = YamlConvert.ToPlain(YamlLoader.LoadText(example.Yaml, $"{schema.Name} example")) as IReadOnlyList<object?>;
            Assert.That(tasks, Is.Not.Null.And.Count.EqualTo(1), example.Title);
            var task = (IReadOnlyDictionary<string, object?>)tasks![0]!;
            var key = task.Keys.Single(k => ModuleCatalog.Schemas.Find(k) is not null);
            Assert.That(ModuleCatalog.Schemas.Find(key), Is.SameAs(schema), example.Title);

            var args = PlainData.NewMap();
            if (task[key] is IReadOnlyDictionary<string, object?> map)
            {
                foreach (var (k, v) in map)
                {
                    args[k] = v;
                }
            }
            else
            {
                args[schema.FreeForm ?? throw new AssertionException($"{schema.Name}: free-form example without a free-form argument")] = task[key];
            }

            if (task.TryGetValue("args", out var extra) && extra is IReadOnlyDictionary<string, object?> extraMap)
            {
                foreach (var (k, v) in extraMap)
                {
                    args[k] = v;
                }
            }

            Assert.That(SchemaValidator.Validate(schema, args), Is.Empty, $"{schema.Name}: {example.Title}");
        }
    }

    [Test]
    public void FindRunner_UnknownModule_ReturnsNull()
    {
        var catalog = TestCatalog.Create();

        Assert.That(catalog.FindRunner("yum"), Is.Null);
    }

    [Test]
    public void FindRunner_Alias_ReturnsTheModulesRunner()
    {
        var catalog = TestCatalog.Create();

        Assert.That(catalog.FindRunner("package")!.Schema.Name, Is.EqualTo("apt"));
    }

    [Test]
    public void IsImplemented_EveryDeclaredModule_HasARealRunner()
    {
        var catalog = TestCatalog.Create();

        Assert.That(catalog.All.Where(s => !catalog.IsImplemented(s.Name)).Select(s => s.Name), Is.Empty);
    }

    private static IEnumerable<KeyValuePair<string, object?>> RequiredArgs(ModuleSchema schema) =>
        schema.Arguments.Where(a => a.Required).Select(a => new KeyValuePair<string, object?>(a.Name, a.Type switch
        {
            ArgType.List => new List<object?> { "x" },
            ArgType.Path => "/x",
            _ => "x",
        }));
}
