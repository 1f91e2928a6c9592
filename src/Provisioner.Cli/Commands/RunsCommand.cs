using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Provisioner.Cli.Commands.Apply;
using Provisioner.Controller.History;
using Provisioner.Controller.Reporting;

namespace Provisioner.Cli.Commands;

/// <summary><c>prov runs</c>: list recorded runs; <c>prov runs show ID</c>: replay one as it was shown.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var stateDir = new Option<string?>("--state-dir") { Description = "Where the run history is (default: ~/.local/share/prov)" };
        var last = new Option<int>("--last", "-n") { Description = "How many runs to list, newest first", DefaultValueFactory = _ => 20 };
        var command = new Command("runs", "List the runs recorded in the history") { stateDir, last };
        command.SetAction(parse => List(parse.GetValue(stateDir), parse.GetValue(last)));

        var id = new Argument<string>("ID") { Description = "Run id, or a unique beginning of one" };
        var diff = new Option<bool>("--diff", "-D") { Description = "Show recorded diffs as unified diffs" };
        var verbose = new Option<bool[]>("--verbose", "-v") { Description = "More output", Arity = ArgumentArity.Zero };
        var output = new Option<string>("--output", "-o") { Description = "text, or json: one JSON object per line", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var show = new Command("show", "Replay a recorded run in the text (or JSON) format") { id, stateDir, diff, verbose, output };
        show.SetAction(parse => Show(parse.GetValue(stateDir), parse.GetValue(id)!, parse.GetValue(diff), ArgumentLists.Count(parse, verbose), parse.GetValue(output)!));
        command.Subcommands.Add(show);
        return command;
    }

    private static int List(string? stateDir, int last)
    {
        var directory = StateDirectory.Resolve(stateDir);
        if (!File.Exists(Path.Combine(directory, HistoryStore.FileName)))
        {
            Console.Out.WriteLine($"no runs recorded yet (no history in {directory})");
            return ExitCodes.Ok;
        }

        using var store = Open(stateDir);
        if (store is null)
        {
            return ExitCodes.Error;
        }

        var runs = store.ListRuns(Math.Max(1, last));
        if (runs.Count == 0)
        {
            Console.Out.WriteLine("no runs recorded yet");
            return ExitCodes.Ok;
        }

        Console.Out.WriteLine($"{"ID",-26}  {"STARTED (UTC)",-19}  {"USER",-10}  {"RESULT",-11}  {"HOSTS",5}  {"CHANGED",7}  {"DURATION",8}  PLAYBOOK");
        foreach (var run in runs)
        {
            var result = (run.Outcome ?? "unfinished") + (run.Check ? " (check)" : string.Empty);
            var duration = run.FinishedAt is { } end ? Duration(end - run.StartedAt) : "-";
            var started = run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            Console.Out.WriteLine($"{run.Id,-26}  {started,-19}  {run.User,-10}  {result,-11}  {run.Hosts.Count,5}  {run.Recap.Sum(r => r.Changed),7}  {duration,8}  {run.Playbook}");
        }

        return ExitCodes.Ok;
    }

    private static int Show(string? stateDir, string id, bool diff, int verbosity, string output)
    {
        using var store = Open(stateDir);
        if (store is null)
        {
            return ExitCodes.Error;
        }

        RunListEntry? run;
        try
        {
            run = store.FindRun(id);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"prov: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        if (run is null)
        {
            Console.Error.WriteLine($"prov: no run '{id}' in the history; `prov runs` lists them");
            return ExitCodes.InvalidInput;
        }

        if (!OutputSetup.IsJson(output))
        {
            var check = run.Check ? " in check mode" : string.Empty;
            Console.Out.WriteLine($"run {run.Id} by {run.User} at {run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC{check}: {run.Playbook}");
        }

        using var setup = OutputSetup.Create(output, new TextReporterOptions { ShowDiff = diff, Verbosity = verbosity }, live: false);
        foreach (var report in store.Events(run.Id))
        {
            setup.Reporter.Report(report);
        }

        return ExitCodes.Ok;
    }

    private static HistoryStore? Open(string? stateDir)
    {
        var directory = StateDirectory.Resolve(stateDir);
        if (!File.Exists(Path.Combine(directory, HistoryStore.FileName)))
        {
            Console.Error.WriteLine($"prov: no runs recorded yet (no history in {directory})");
            return null;
        }

        try
        {
            return HistoryStore.Open(directory);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"prov: cannot open the run history in {directory}: {ex.Message}");
            return null;
        }
    }

    private static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
        : $"{(int)span.TotalMinutes}m{span.Seconds:00}s";
}
