using Provisioner.Modules.Docs;

namespace Provisioner.Modules.Tests.Docs;

public class ModuleDocsTests
{
    private readonly ModuleCatalog _catalog = TestCatalog.Create();

    [Test]
    public void Markdown_CheckedInReference_IsUpToDate()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "modules.md");

        Assert.That(File.ReadAllText(path), Is.EqualTo(ModuleDocs.Markdown(_catalog.All, _catalog.IsImplemented)),
            "docs/modules.md is stale: regenerate it with `prov doc --markdown > docs/modules.md`");
    }

    [Test]
    public void Text_EveryModule_ShowsEveryArgumentExampleAndReturn()
    {
        foreach (var schema in _catalog.All)
        {
            var text = ModuleDocs.Text(schema, _catalog.IsImplemented(schema.Name));

            Assert.That(schema.Arguments.Where(a => !text.Contains($"  {a.Name}  (", StringComparison.Ordinal)), Is.Empty, schema.Name);
            Assert.That(schema.Examples.Where(e => !text.Contains(e.Title, StringComparison.Ordinal)), Is.Empty, schema.Name);
            Assert.That(schema.Returns.Where(r => !text.Contains($"  {r.Name}  (", StringComparison.Ordinal)), Is.Empty, schema.Name);
        }
    }

    [Test]
    public void List_OnlyUnimplementedModules_AreMarked()
    {
        var list = ModuleDocs.List(_catalog.All, name => name != "docker_image");

        Assert.That(list.Split('\n').Single(l => l.StartsWith("docker_image ", StringComparison.Ordinal)), Does.Contain("[not implemented in the agent yet]"));
        Assert.That(list.Split('\n').Single(l => l.StartsWith("file ", StringComparison.Ordinal)), Does.Not.Contain("not implemented"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioner.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Provisioner.sln not found above the test directory");
    }
}
