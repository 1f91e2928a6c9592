using System.Text;
using Provisioner.Core.Plans;

namespace Provisioner.Controller.Planning;

/// <summary>Whether a word appears in any text of a plan: its tasks, variables or shipped files (a cheap, safe over-approximation of "uses").</summary>
internal static class Mentions
{
    public static bool InTasks(IEnumerable<PlanTask> tasks, string word) => tasks.Any(t => InTask(t, word));

    public static bool InValue(object? value, string word, int depth = 0) => depth <= 100 && value switch
    {
        string text => text.Contains(word, StringComparison.Ordinal),
        IReadOnlyDictionary<string, object?> map => map.Any(kv => kv.Key.Contains(word, StringComparison.Ordinal) || InValue(kv.Value, word, depth + 1)),
        IReadOnlyList<object?> list => list.Any(v => InValue(v, word, depth + 1)),
        _ => false,
    };

    public static bool InFiles(IEnumerable<ReadOnlyMemory<byte>> files, string word)
    {
        var bytes = Encoding.UTF8.GetBytes(word);
        return files.Any(f => f.Span.IndexOf(bytes) >= 0);
    }

    private static bool InTask(PlanTask task, string word) =>
        InValue(task.Args, word) || InValue(task.Vars, word) || InValue(task.Loop, word)
        || task.When.Concat(task.ChangedWhen).Concat(task.FailedWhen).Append(task.Until ?? string.Empty).Append(task.Name).Append(task.LoopLabel ?? string.Empty)
            .Any(t => t.Contains(word, StringComparison.Ordinal))
        || InTasks(task.Block, word) || InTasks(task.Rescue, word) || InTasks(task.Always, word);
}
