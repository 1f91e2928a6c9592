// The one place secret values are removed from what leaves the engine: every event passes through Mask.
using System.Globalization;
using Provisioner.Core.Data;
using Provisioner.Core.Runs;

namespace Provisioner.Agent.Engine;

internal sealed class SecretMasker
{
    public const string Mask = "********";

    /// <summary>Shorter secrets are masked only where a whole value equals them: as substrings they would shred ordinary text.</summary>
    public const int MinSubstringLength = 3;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private string[] _substrings = [];

    public bool IsEmpty => _exact.Count == 0;

    /// <summary>Registers every scalar inside <paramref name="value"/> (deeply) as a secret.</summary>
    public void Add(object? value)
    {
        lock (_gate)
        {
            var before = _exact.Count;
            Collect(value, 0);
            if (_exact.Count != before)
            {
                _substrings = _exact.Where(s => s.Length >= MinSubstringLength).OrderByDescending(s => s.Length).ToArray();
            }
        }
    }

    public string MaskText(string text)
    {
        if (text.Length == 0 || _exact.Count == 0)
        {
            return text;
        }

        if (_exact.Contains(text))
        {
            return Mask;
        }

        foreach (var secret in _substrings)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    public object? MaskValue(object? value) => _exact.Count == 0 ? value : MaskValue(value, 0);

    public RunEvent MaskEvent(RunEvent runEvent)
    {
        if (_exact.Count == 0)
        {
            return runEvent;
        }

        return runEvent switch
        {
            TaskStartedEvent e => e with { Name = MaskText(e.Name) },
            TaskResultEvent e => e with { Result = MaskResult(e.Result) },
            LogEvent e => e with { Text = MaskText(e.Text) },
            RunCompletedEvent e => e with { Message = MaskText(e.Message) },
            _ => runEvent,
        };
    }

    public TaskResult MaskResult(TaskResult result) => result with
    {
        Name = MaskText(result.Name),
        Message = MaskText(result.Message),
        Diff = result.Diff.Select(d => d with { Before = MaskText(d.Before), After = MaskText(d.After), Path = d.Path is null ? null : MaskText(d.Path) }).ToList(),
        Result = MaskValue(result.Result),
        Item = result.Item is null ? null : MaskText(result.Item),
    };

    private object? MaskValue(object? value, int depth) => value switch
    {
        string s => MaskText(s),
        long or double when _exact.Contains(Convert.ToString(value, CultureInfo.InvariantCulture)!) => Mask,
        IReadOnlyDictionary<string, object?> map when depth < 100 => MaskMap(map, depth),
        IReadOnlyList<object?> list when depth < 100 => list.Select(v => MaskValue(v, depth + 1)).ToList(),
        _ => value,
    };

    private OrderedDictionary<string, object?> MaskMap(IReadOnlyDictionary<string, object?> map, int depth)
    {
        var masked = PlainData.NewMap();
        foreach (var (key, item) in map)
        {
            masked[key] = MaskValue(item, depth + 1);
        }

        return masked;
    }

    private void Collect(object? value, int depth)
    {
        switch (value)
        {
            case string { Length: > 0 } s:
                _exact.Add(s);
                break;
            case long or double:
                _exact.Add(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case IReadOnlyDictionary<string, object?> map when depth < 100:
                foreach (var item in map.Values)
                {
                    Collect(item, depth + 1);
                }

                break;
            case IReadOnlyList<object?> list when depth < 100:
                foreach (var item in list)
                {
                    Collect(item, depth + 1);
                }

                break;
        }
    }
}
