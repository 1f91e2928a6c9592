namespace Provisioner.Cli.Tests.SyntaxCheck;

/// <summary>The example shipped in playbooks/examples must always pass its own syntax check.</summary>
public class ExampleSyntaxCheckTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task SyntaxCheck_NginxExample_IsValid(CancellationToken ct)
    {
        var root = RepositoryRoot();

        var result = await ProvProcess.RunAsync(root, ct, "syntax-check", "playbooks/examples/nginx.yml", "-i", "playbooks/examples/inventory.yml");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stderr, Is.EqualTo("0 errors, 0 warnings\n"));
        Assert.That(result.Stdout, Is.EqualTo("playbooks/examples/nginx.yml: 1 play, 1 role, 8 tasks\n"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioner.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Provisioner.sln not found above " + AppContext.BaseDirectory);
    }
}
