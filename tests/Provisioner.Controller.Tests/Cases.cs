using System.Runtime.CompilerServices;

namespace Provisioner.Controller.Tests;

/// <summary>Where test cases live (copied beside the tests) and how expected files are refreshed: PROV_UPDATE_CASES=1 rewrites them in the source tree.</summary>
internal static class Cases
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "cases");

    public static IEnumerable<string> Directories(string kind) =>
        Directory.EnumerateDirectories(Path.Combine(Root, kind)).Order(StringComparer.Ordinal);

    /// <summary>Compares with the expected file; with PROV_UPDATE_CASES=1 (or when it is missing) writes it to the source tree instead.</summary>
    public static void AssertMatches(string actual, string caseDirectory, string fileName)
    {
        var expectedPath = Path.Combine(caseDirectory, fileName);
        var update = Environment.GetEnvironmentVariable("PROV_UPDATE_CASES") == "1";
        if (update || !File.Exists(expectedPath))
        {
            var source = Path.Combine(SourceRoot(), Path.GetRelativePath(AppContext.BaseDirectory, caseDirectory), fileName);
            File.WriteAllText(source, actual);
            if (!update)
            {
                Assert.Fail($"{source} did not exist and was written: review it");
            }

            return;
        }

        Assert.That(actual, Is.EqualTo(File.ReadAllText(expectedPath)), $"{Path.GetRelativePath(Root, caseDirectory)}/{fileName}");
    }

    private static string SourceRoot([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
