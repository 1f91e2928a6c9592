// The values `register` stores, in the shape Ansible users know.
using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Agent.Engine;

internal static class RegisteredValues
{
    private static readonly HashSet<string> EngineKeys = new(StringComparer.Ordinal) { "changed", "failed", "msg", "diff", "skipped" };

    public static OrderedDictionary<string, object?> From(ModuleOutcome outcome)
    {
        var map = Flags(outcome.Changed, outcome.Failed);
        foreach (var (key, value) in outcome.Returns)
        {
            if (!EngineKeys.Contains(key))
            {
                map[key] = value;
            }
        }

        AddLines(map, "stdout");
        AddLines(map, "stderr");
        if (outcome.Message.Length > 0)
        {
            map["msg"] = outcome.Message;
        }

        if (outcome.Diff.Count > 0)
        {
            map["diff"] = Diff(outcome.Diff);
        }

        return map;
    }

    public static OrderedDictionary<string, object?> Failure(string message)
    {
        var map = Flags(changed: false, failed: true);
        map["msg"] = message;
        return map;
    }

    public static OrderedDictionary<string, object?> Skipped(string message, string? falseCondition)
    {
        var map = Flags(changed: false, failed: false);
        map["skipped"] = true;
        map["skip_reason"] = message;
        if (falseCondition is not null)
        {
            map["false_condition"] = falseCondition;
        }

        return map;
    }

    public static OrderedDictionary<string, object?> Loop(IReadOnlyList<TaskOutcome> items, bool changed, bool failed, bool skipped, string message)
    {
        var map = Flags(changed, failed);
        if (skipped)
        {
            map["skipped"] = true;
        }

        map["msg"] = message;
        map["results"] = items.Select(i => (object?)i.Registered).ToList();
        return map;
    }

    public static List<object?> Diff(IReadOnlyList<DiffEntry> diff) => diff.Select(d =>
    {
        var entry = PlainData.NewMap();
        entry["property"] = d.Property;
        entry["before"] = d.Before;
        entry["after"] = d.After;
        if (d.Path is not null)
        {
            entry["path"] = d.Path;
        }

        return (object?)entry;
    }).ToList();

    private static OrderedDictionary<string, object?> Flags(bool changed, bool failed)
    {
        var map = PlainData.NewMap();
        map["changed"] = changed;
        map["failed"] = failed;
        return map;
    }

    private static void AddLines(OrderedDictionary<string, object?> map, string key)
    {
        if (map.TryGetValue(key, out var value) && value is string text && !map.ContainsKey(key + "_lines"))
        {
            map[key + "_lines"] = text.Length == 0
                ? new List<object?>()
                : text.TrimEnd('\n').Split('\n').Select(l => (object?)l.TrimEnd('\r')).ToList();
        }
    }
}
