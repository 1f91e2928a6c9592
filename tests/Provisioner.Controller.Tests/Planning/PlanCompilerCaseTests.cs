using Provisioner.Controller.Dispatch;
using Provisioner.Controller.Planning;
using Provisioner.Core.Diagnostics;
using Provisioner.Language.Yaml;
using Provisioner.Modules;

namespace Provisioner.Controller.Tests.Planning;

/// <summary>
/// Compiler cases: each folder under cases/compile holds a playbook (site.yml), an inventory (hosts.yml) and case.yml
/// listing runs (options, and facts for hostvars); each run's plans, finished for their batch, are compared with
/// RUN.txt, or the diagnostics when compiling fails.
/// </summary>
public sealed class PlanCompilerCaseTests
{
    public static IEnumerable<TestCaseData> Runs() =>
        Cases.Directories("compile").SelectMany(dir => CaseRuns(dir).Select(run =>
            new TestCaseData(dir, run).SetName($"Compile_{Path.GetFileName(dir)}_{run["name"]}")));

    [TestCaseSource(nameof(Runs))]
    public void Compile_Case_MatchesExpectedPlans(string directory, IReadOnlyDictionary<string, object?> run)
    {
        var request = new ApplyRequest(Path.Combine(directory, "site.yml"))
        {
            Inventories = [Path.Combine(directory, "hosts.yml")],
            BaseDirectory = directory,
            Limit = run.GetValueOrDefault("limit") as string,
            Tags = Strings(run, "tags"),
            SkipTags = Strings(run, "skip_tags"),
            ExtraVars = Strings(run, "extra_vars"),
            Check = run.GetValueOrDefault("check") is true,
            Diff = run.GetValueOrDefault("diff") is true,
        };

        string actual;
        try
        {
            var compiled = new RunPreparer(ModuleCatalog.Schemas).Prepare(request);
            var facts = Facts(directory);
            var warnings = new List<Diagnostic>();
            var hostVars = new HostVarsBuilder().Build(compiled.Inventory, facts, warnings);
            actual = PlanDump.Render(compiled, (play, host) =>
            {
                var batch = Batches.Split(play.Hosts, play.Serial).First(b => b.Contains(host));
                return PlanFinisher.Finish(play.Plans[host], play, batch, play.Hosts, hostVars);
            }, run.GetValueOrDefault("dump") as string ?? "full", directory);
            actual += string.Concat(compiled.Warnings.Concat(warnings).Select(w => w + "\n"));
        }
        catch (InvalidInputException ex)
        {
            actual = "invalid input:\n" + string.Concat(ex.Diagnostics.Select(d => d + "\n"));
        }

        Cases.AssertMatches(actual, directory, $"{run["name"]}.txt");
    }

    private static IEnumerable<IReadOnlyDictionary<string, object?>> CaseRuns(string directory)
    {
        var spec = YamlConvert.ToPlain(YamlLoader.LoadFile(Path.Combine(directory, "case.yml"), "case.yml")) as IReadOnlyDictionary<string, object?>;
        return (spec?["runs"] as IReadOnlyList<object?> ?? []).OfType<IReadOnlyDictionary<string, object?>>();
    }

    private static Dictionary<string, IReadOnlyDictionary<string, object?>> Facts(string directory)
    {
        var spec = YamlConvert.ToPlain(YamlLoader.LoadFile(Path.Combine(directory, "case.yml"), "case.yml")) as IReadOnlyDictionary<string, object?>;
        return (spec?.GetValueOrDefault("facts") as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>())
            .ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, object?>)kv.Value!, StringComparer.Ordinal);
    }

    private static List<string> Strings(IReadOnlyDictionary<string, object?> run, string key) =>
        run.GetValueOrDefault(key) switch
        {
            IReadOnlyList<object?> list => list.Select(v => v?.ToString() ?? string.Empty).ToList(),
            string s => [s],
            _ => [],
        };
}
