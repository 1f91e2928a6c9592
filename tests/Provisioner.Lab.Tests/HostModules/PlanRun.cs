using System.Text.Json;

namespace Provisioner.Lab.Tests.HostModules;

/// <summary>What <c>prov-agent run-plan --json</c> printed: one result per task, the run's status, and the raw output for messages.</summary>
internal sealed record PlanRun(int ExitCode, string Output, IReadOnlyList<PlanRun.TaskResult> Tasks, string? Status)
{
    public sealed record TaskResult(string Name, string Status, string Message, IReadOnlyList<string> Diff, JsonElement? Result);

    public TaskResult this[string name] =>
        Tasks.SingleOrDefault(t => t.Name == name) ?? throw new AssertionException($"no result for task '{name}' in:\n{Output}");

    public static PlanRun Parse(int exitCode, string output)
    {
        var tasks = new List<TaskResult>();
        string? status = null;
        foreach (var line in output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('{')))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            switch (root.GetProperty("kind").GetString())
            {
                case "task_result":
                    var diff = root.TryGetProperty("diff", out var entries)
                        ? entries.EnumerateArray().Select(d => $"{d.GetProperty("property").GetString()}: {d.GetProperty("before").GetString()} → {d.GetProperty("after").GetString()}").ToList()
                        : [];
                    tasks.Add(new TaskResult(
                        root.GetProperty("name").GetString()!,
                        root.GetProperty("status").GetString()!,
                        root.TryGetProperty("message", out var message) ? message.GetString() ?? string.Empty : string.Empty,
                        diff,
                        root.TryGetProperty("result", out var result) ? result.Clone() : null));
                    break;
                case "run_completed":
                    status = root.GetProperty("status").GetString();
                    break;
            }
        }

        return new PlanRun(exitCode, output, tasks, status);
    }
}
