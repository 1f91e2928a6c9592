using Provisioner.Language.Validation;

namespace Provisioner.Language.Tests.Validation;

/// <summary>
/// One case folder: <c>site.yml</c> (the playbook), optional <c>args.txt</c> (lines "-i FILE", "-e VALUE",
/// "--roles-path DIR", as given to prov syntax-check), and the expected output file.
/// </summary>
internal static class CorpusCase
{
    public static string Root(string kind) => Path.Combine(AppContext.BaseDirectory, "cases", kind);

    public static IEnumerable<TestCaseData> All(string kind) =>
        Directory.GetDirectories(Root(kind))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(name => new TestCaseData(name).SetArgDisplayNames(name!));

    public static SyntaxCheckRequest Request(string directory)
    {
        var request = new SyntaxCheckRequest("site.yml") { BaseDirectory = directory };
        var argsFile = Path.Combine(directory, "args.txt");
        if (!File.Exists(argsFile))
        {
            return request;
        }

        var inventories = new List<string>();
        var extra = new List<string>();
        var roles = new List<string>();
        foreach (var line in File.ReadAllLines(argsFile).Where(l => l.Trim().Length > 0))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var (option, value) = (line[..space], line[(space + 1)..]);
            var target = option switch
            {
                "-i" => inventories,
                "-e" => extra,
                "--roles-path" => roles,
                _ => throw new InvalidOperationException($"{argsFile}: unknown option '{option}'"),
            };
            target.Add(value);
        }

        return request with { Inventories = inventories, ExtraVars = extra, RolePaths = roles };
    }

    public static string[] ReadExpected(string directory, string file) =>
        File.ReadAllLines(Path.Combine(directory, file)).Where(l => l.Length > 0).ToArray();
}
