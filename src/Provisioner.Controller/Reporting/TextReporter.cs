using System.Globalization;
using Provisioner.Controller.Json;

namespace Provisioner.Controller.Reporting;

/// <summary>
/// The familiar Ansible output: <c>PLAY [name] ***</c>, <c>TASK [role : name] ***</c>, one line per host and result
/// (<c>ok: [web1]</c>, <c>changed: [web1] =&gt; (item=x)</c>, <c>failed: [web1]: message</c>, <c>skipping: [web1]</c>),
/// unified diffs with <c>--diff</c>, and <c>PLAY RECAP</c>. Hosts run their plans independently, so results arrive
/// as they happen; a task's banner is printed again when another task's result came in between (as Ansible's free strategy does).
/// </summary>
public sealed class TextReporter : IRunReporter
{
    private readonly ITextSink _sink;
    private readonly TextReporterOptions _options;
    private readonly Dictionary<int, string> _plays = [];
    private readonly HashSet<(string Host, int Play, string TaskId)> _withItems = [];
    private string? _banner;

    public TextReporter(ITextSink sink, TextReporterOptions? options = null)
    {
        _sink = sink;
        _options = options ?? new TextReporterOptions();
    }

    public void Report(ReportEvent report)
    {
        switch (report)
        {
            case PlayStartedReport p:
                _plays[p.Play] = p.Name;
                Banner($"PLAY [{p.Name}]", force: true);
                if (p.Hosts.Count == 0)
                {
                    Line(TextStyle.Skipped, "skipping: no hosts matched");
                }

                break;
            case BatchStartedReport b when _options.Verbosity > 0:
                Line(TextStyle.Verbose, $"batch {b.Batch} of {b.Batches}: {string.Join(", ", b.Hosts)}");
                break;
            case FactsReport f:
                Banner("TASK [Gathering Facts]");
                Facts(f);
                break;
            case TaskResultReport r:
                Result(r);
                break;
            case HostLogReport l:
                Log(l);
                break;
            case HostUnreachableReport u:
                Line(TextStyle.Unreachable, $"unreachable: [{u.Host}]: {u.Message}");
                break;
            case HostFailedReport f:
                Line(TextStyle.Failed, $"failed: [{f.Host}]: {f.Message}");
                break;
            case HostRunCompletedReport c when _options.Verbosity > 1:
                Line(TextStyle.Verbose, $"[{c.Host}] run {c.AgentRunId} {c.Status} in {Seconds(c.DurationMs)}{(c.Message.Length > 0 && c.Message != "ok" ? ": " + c.Message : string.Empty)}");
                break;
            case PlayAbortedReport a:
                Banner("NO MORE HOSTS LEFT", force: true);
                Line(TextStyle.Failed, $"play '{a.Name}' stopped: {a.Reason}"
                    + (a.NotStarted.Count > 0 ? $"; not started: {string.Join(", ", a.NotStarted)}" : string.Empty));
                break;
            case RunFinishedReport f:
                Recap(f);
                break;
        }
    }

    private void Facts(FactsReport f)
    {
        switch (f.Status)
        {
            case StatusNames.Ok:
                Line(TextStyle.Ok, $"ok: [{f.Host}]");
                break;
            case StatusNames.Unreachable:
                Line(TextStyle.Unreachable, $"unreachable: [{f.Host}]: {f.Message}");
                break;
            default:
                Line(TextStyle.Failed, $"failed: [{f.Host}]: {f.Message}");
                break;
        }
    }

    private void Result(TaskResultReport r)
    {
        var key = (r.Host, r.Play, r.TaskId);
        var hadItems = false;
        if (r.Item is not null)
        {
            _withItems.Add(key);
        }
        else if ((hadItems = _withItems.Remove(key)) && r.Status is not (StatusNames.Failed or StatusNames.Rescued))
        {
            // The items said it all; Ansible prints no line for the loop as a whole unless it failed.
            return;
        }

        var name = r.Role is { Length: > 0 } role ? $"{role} : {r.Name}" : r.Name;
        var newBanner = Banner(r.Handler ? $"RUNNING HANDLER [{name}]" : $"TASK [{name}]", key: $"{r.Play}\u0000{r.TaskId}\u0000{r.Handler}");
        if (newBanner && _options.Verbosity > 1)
        {
            Line(TextStyle.Verbose, $"task path: {r.TaskId}");
        }

        var item = r.Item is null ? string.Empty : $" => (item={r.Item})";
        var details = Details(r);
        switch (r.Status)
        {
            case StatusNames.Ok:
                Line(TextStyle.Ok, $"ok: [{r.Host}]{item}{details}");
                break;
            case StatusNames.Changed:
                Line(TextStyle.Changed, $"changed: [{r.Host}]{item}{details}");
                break;
            case StatusNames.Skipped:
                Line(TextStyle.Skipped, $"skipping: [{r.Host}]{item}");
                break;
            case StatusNames.Ignored:
                Line(TextStyle.Failed, $"failed: [{r.Host}]{item}: {r.Message}{details}");
                Line(TextStyle.Skipped, "...ignoring");
                break;
            case StatusNames.Rescued:
                Line(TextStyle.Failed, $"rescued: [{r.Host}]{item}: {r.Message}{details}");
                break;
            default:
                Line(TextStyle.Failed, $"failed: [{r.Host}]{item}: {r.Message}{(r.TimedOut ? " (timed out)" : string.Empty)}{details}");
                break;
        }

        if (_options.ShowDiff && r.Diff.Count > 0 && !hadItems)
        {
            foreach (var entry in r.Diff)
            {
                Diff(entry);
            }
        }
    }

    /// <summary>The result itself: always for debug (that is its output), with -v for every task.</summary>
    private string Details(TaskResultReport r)
    {
        if (r.Result is null || (r.Module != "debug" && _options.Verbosity == 0))
        {
            return string.Empty;
        }

        return " => " + PlainJson.Serialize(r.Result, indented: true);
    }

    private void Diff(Core.Runs.DiffEntry entry)
    {
        var what = entry.Property == "content" ? string.Empty : $" ({entry.Property})";
        var path = entry.Path ?? string.Empty;
        foreach (var line in UnifiedDiff.Render(entry.Before, entry.After, $"before: {path}{what}".TrimEnd(), $"after: {path}{what}".TrimEnd()))
        {
            var style = line switch
            {
                _ when line.StartsWith("---", StringComparison.Ordinal) || line.StartsWith("+++", StringComparison.Ordinal) => TextStyle.DiffHeader,
                _ when line.StartsWith("@@", StringComparison.Ordinal) => TextStyle.DiffHunk,
                _ when line.StartsWith('+') => TextStyle.DiffAdded,
                _ when line.StartsWith('-') => TextStyle.DiffRemoved,
                _ => TextStyle.Plain,
            };
            Line(style, line);
        }
    }

    private void Log(HostLogReport l)
    {
        switch (l.Level)
        {
            case "warning":
                Line(TextStyle.Warning, $"[WARNING]: [{l.Host}]: {l.Text}");
                break;
            case "error":
                Line(TextStyle.Failed, $"[ERROR]: [{l.Host}]: {l.Text}");
                break;
            case "info" when _options.Verbosity > 0:
            case "debug" when _options.Verbosity > 2:
                Line(TextStyle.Verbose, $"[{l.Host}]: {l.Text}");
                break;
        }
    }

    private void Recap(RunFinishedReport f)
    {
        Banner("PLAY RECAP", force: true);
        foreach (var r in f.Recap)
        {
            var style = r.Unreachable > 0 ? TextStyle.Unreachable : r.Failed > 0 ? TextStyle.Failed : r.Changed > 0 ? TextStyle.Changed : TextStyle.Ok;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{r.Host,-26} : {Count("ok", r.Ok)} {Count("changed", r.Changed)} {Count("unreachable", r.Unreachable)} {Count("failed", r.Failed)} {Count("skipped", r.Skipped)} {Count("rescued", r.Rescued)} {Count("ignored", r.Ignored)}");
            Line(style, line.TrimEnd());
        }

        foreach (var play in f.NotRun.GroupBy(u => (u.Play, u.PlayName)))
        {
            Line(TextStyle.Failed, $"NOT RUN: {string.Join(", ", play.Select(u => u.Host))} (play '{play.Key.PlayName}' did not start on them)");
        }

        Line(TextStyle.Plain, string.Empty);
    }

    private static string Count(string name, int n) => $"{name}={n,-4}";

    private static string Seconds(double ms) => (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s";

    /// <summary>Prints the banner unless it is the one printed last (forced ones always print); true when printed.</summary>
    private bool Banner(string title, bool force = false, string? key = null)
    {
        key ??= title;
        if (!force && _banner == key)
        {
            return false;
        }

        _banner = force ? null : key;
        var stars = Math.Max(3, _options.Width - 1 - title.Length);
        Line(TextStyle.Plain, string.Empty);
        Line(TextStyle.Banner, $"{title} {new string('*', stars)}");
        return true;
    }

    private void Line(TextStyle style, string text) => _sink.WriteLine(style, text);
}
