// Bounded, thread-safe cache of parsed texts: the agent evaluates the same few expressions thousands of times.
using System.Collections.Concurrent;

namespace Provisioner.Templating.Sandbox;

internal sealed class TemplateCache
{
    private const int MaxEntries = 4096;
    private const long MaxTotalChars = 16L * 1024 * 1024;
    private const int MaxCachedTextChars = 1024 * 1024;

    private readonly ConcurrentDictionary<(bool IsExpression, string Text), ParsedText> _entries = new();
    private long _totalChars;

    public ParsedText Get(string text, bool isExpression)
    {
        var key = (isExpression, text);
        if (_entries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var parsed = TemplateParser.Parse(text, isExpression);
        if (text.Length > MaxCachedTextChars)
        {
            return parsed;
        }

        // Crude but bounded: when full, start over rather than track recency on every hit.
        if (_entries.Count >= MaxEntries || Interlocked.Read(ref _totalChars) + text.Length > MaxTotalChars)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _totalChars, 0);
        }

        if (_entries.TryAdd(key, parsed))
        {
            Interlocked.Add(ref _totalChars, text.Length);
        }

        return parsed;
    }

    public int Count => _entries.Count;
}
