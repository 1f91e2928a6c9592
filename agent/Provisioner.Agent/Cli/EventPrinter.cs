// One line per event for people, or one JSON object per line for programs.
using System.Globalization;
using Provisioner.Agent.Engine;
using Provisioner.Agent.State;
using Provisioner.Core.Runs;

namespace Provisioner.Agent.Cli;

internal static class EventPrinter
{
    private const int MaxValueLength = 60;

    public static string Format(RunEvent runEvent, bool json) => json ? RunEventLines.Serialize(runEvent) : Human(runEvent);

    public static string Human(RunEvent runEvent)
    {
        var seq = runEvent.Seq.ToString(CultureInfo.InvariantCulture).PadLeft(4);
        return runEvent switch
        {
            TaskStartedEvent e => $"{seq} {(e.Handler ? "HANDLER" : "TASK")} {e.Name} [{e.TaskId}]",
            TaskResultEvent { Result: var r } => $"{seq} {StatusNames.Of(r.Status)}: {r.Name}{Item(r)} ({Ms(r.Duration)}){Message(r)}{Diff(r)}",
            LogEvent e => $"{seq} {e.Level}: {e.Text}",
            RunCompletedEvent e => $"{seq} RUN {StatusNames.Of(e.Status)}: "
                + string.Join(" ", e.Counts.Select(kv => $"{kv.Key}={kv.Value}")) + $" ({Ms(e.Duration)}) {e.Message}",
            _ => $"{seq} {runEvent.GetType().Name}",
        };
    }

    private static string Item(TaskResult r) => r.Item is null ? string.Empty : $" => {r.Item}";

    private static string Message(TaskResult r) => r.Message.Length == 0 ? string.Empty : $" - {OneLine(r.Message)}";

    private static string Diff(TaskResult r) => r.Diff.Count == 0
        ? string.Empty
        : " | " + string.Join("; ", r.Diff.Select(d => $"{d.Property}{(d.Path is null ? string.Empty : $" {d.Path}")}: {Short(d.Before)} -> {Short(d.After)}"));

    private static string Short(string text)
    {
        var line = OneLine(text);
        return line.Length > MaxValueLength ? line[..MaxValueLength] + "…" : line;
    }

    private static string OneLine(string text) => text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "⏎", StringComparison.Ordinal);

    private static string Ms(TimeSpan duration) => duration.TotalMilliseconds < 1000
        ? $"{duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms"
        : $"{duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s";
}
