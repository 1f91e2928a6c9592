// Generates a 2,000-task playbook over 500 hosts and times `prov syntax-check` on it (median of 5), writing RESULTS.md.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Provisioner.Bench.Language;
using Provisioner.Language.Validation;
using Provisioner.Modules;

if (args is ["--generate", var target])
{
    Directory.CreateDirectory(target);
    Generator.Write(target, hosts: 500, plays: 5, rolesPerPlay: 2, tasksPerRole: 200);
    return;
}

if (args.Length < 2)
{
    throw new ArgumentException("usage: LanguageBench RESULTS.md LABEL=PROV_EXECUTABLE... | --generate DIR");
}

const int Runs = 5;
var resultsPath = Path.GetFullPath(args[0]);
// LABEL=PATH; the label may itself contain '=' (build options), the path does not.
var executables = args.Skip(1).Select(a => (Label: a[..a.LastIndexOf('=')], Path: Path.GetFullPath(a[(a.LastIndexOf('=') + 1)..]))).ToList();
var root = Directory.CreateTempSubdirectory("prov-bench-language-").FullName;
try
{
    Generator.Write(root, hosts: 500, plays: 5, rolesPerPlay: 2, tasksPerRole: 200);
    var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
    var rows = new List<string>();
    var verdicts = new List<string>();
    string? output = null;
    foreach (var (label, path) in executables)
    {
        // End to end, as a user runs it: process start, parse, validate, print. One unmeasured run warms the disk cache.
        Measure.Process(path, root, out output);
        var runs = Enumerable.Range(0, Runs).Select(i => Measure.Process(path, root, out var ignored)).ToList();
        rows.Add(Row($"`prov syntax-check site.yml -i inventory.yml`, {label}", runs));
        var wall = runs.Select(r => r.Wall).Order().ElementAt(Runs / 2);
        var cpu = runs.Select(r => r.Cpu).Order().ElementAt(Runs / 2);
        var name = label.Split(" (")[0];
        verdicts.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {(wall < 1000 ? "met" : "missed")} ({wall:0} ms wall clock, {cpu:0} ms CPU)"));
    }

    // The same work in-process after warm-up runs (so tiered JIT has optimised the hot code): what parse + validate itself costs.
    var request = new SyntaxCheckRequest("site.yml") { BaseDirectory = root, Inventories = ["inventory.yml"] };
    for (var i = 0; i < 20; i++)
    {
        SyntaxCheck.Run(request, ModuleCatalog.Schemas);
    }

    var inProcess = Enumerable.Range(0, Runs).Select(i => Measure.InProcess(() =>
    {
        if (SyntaxCheck.Run(request, ModuleCatalog.Schemas).HasErrors)
        {
            throw new InvalidOperationException("the generated playbook has errors");
        }
    })).ToList();
    rows.Add(Row("parse + validate in-process, after 20 warm-up runs (no process start, no JIT)", inProcess));

    var report = string.Join('\n',
    [
        "# Language benchmark: `prov syntax-check`",
        "",
        "Produced by `bench/language/run.sh`; do not edit by hand.",
        "",
        "Input: 5 plays, 10 roles, **2,000 tasks** (apt, file, template, copy, command, debug, user, service;",
        "with `when`, `loop`, `register`, `notify`), 40 `.sbn` templates, an inventory of **500 hosts** in 5 groups.",
        "Every check runs: keywords, module arguments against schemas, notify targets, template and file",
        "references, every template and expression parsed, undefined variables, host patterns.",
        "",
        $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; "
            + $"load average {load} when measured (the machine was shared with other builds, which inflates wall-clock time; "
            + "CPU time is the steadier figure).",
        $"Date: {DateTime.UtcNow:yyyy-MM-dd}.",
        "",
        "| measurement | wall clock, median of 5 (min–max) | CPU time, median of 5 |",
        "|---|---|---|",
        .. rows,
        "",
        $"Target: under 1 s for the command. {string.Join("; ", verdicts)}.",
        $"Output of the checked run: `{output?.Trim()}`",
        "",
    ]);
    File.WriteAllText(resultsPath, report);
    Console.Write(report);
}
finally
{
    Directory.Delete(root, recursive: true);
}

static string Row(string what, List<(double Wall, double Cpu)> runs)
{
    var wall = runs.Select(r => r.Wall).Order().ToList();
    var cpu = runs.Select(r => r.Cpu).Order().ToList();
    return string.Create(CultureInfo.InvariantCulture, $"| {what} | {wall[wall.Count / 2]:0} ms ({wall[0]:0}–{wall[^1]:0}) | {cpu[cpu.Count / 2]:0} ms |");
}
