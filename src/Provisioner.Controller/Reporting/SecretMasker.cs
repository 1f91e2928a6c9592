using Provisioner.Core.Data;
using Provisioner.Core.Runs;

namespace Provisioner.Controller.Reporting;

/// <summary>
/// The controller's own masking of secret values, behind the agent's: every report passes through it before it is
/// printed or stored, so a secret the controller knows (a literal value of a secret variable, in any host's plan) never
/// shows even if an agent missed it. Values shorter than 3 characters are masked only where a whole text equals them.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "********";

    private const int MinSubstringLength = 3;

    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private string[] _substrings = [];

    public bool IsEmpty => _exact.Count == 0;

    /// <summary>Registers every scalar inside the value (deeply). Templated strings are skipped: they are not the secret itself.</summary>
    public void Add(object? value)
    {
        Collect(value, 0);
        _substrings = _exact.Where(s => s.Length >= MinSubstringLength).OrderByDescending(s => s.Length).ToArray();
    }

    public string MaskText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    public object? MaskValue(object? value) => _exact.Count == 0 ? value : MaskDeep(value, 0);

    public DiffEntry MaskDiff(DiffEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry with { Before = MaskText(entry.Before), After = MaskText(entry.After), Path = entry.Path is null ? null : MaskText(entry.Path) };
    }

    private object? MaskDeep(object? value, int depth)
    {
        switch (value)
        {
            case string s:
                return MaskText(s);
            case IReadOnlyDictionary<string, object?> map when depth <= 100:
                var masked = PlainData.NewMap();
                foreach (var (key, item) in map)
                {
                    masked[key] = MaskDeep(item, depth + 1);
                }

                return masked;
            case IReadOnlyList<object?> list when depth <= 100:
                return list.Select(v => MaskDeep(v, depth + 1)).ToList();
            default:
                return value;
        }
    }

    private void Collect(object? value, int depth)
    {
        if (depth > 100)
        {
            return;
        }

        switch (value)
        {
            case null:
                break;
            case string s when s.Length > 0 && !s.Contains("{{", StringComparison.Ordinal):
                _exact.Add(s);
                break;
            case string:
                break;
            case IReadOnlyDictionary<string, object?> map:
                foreach (var item in map.Values)
                {
                    Collect(item, depth + 1);
                }

                break;
            case IReadOnlyList<object?> list:
                foreach (var item in list)
                {
                    Collect(item, depth + 1);
                }

                break;
            case bool:
                break;
            default:
                if (Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } text)
                {
                    _exact.Add(text);
                }

                break;
        }
    }
}
