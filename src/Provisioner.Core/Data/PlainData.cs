using System.Globalization;
using System.Text;

namespace Provisioner.Core.Data;

/// <summary>
/// Variables, module arguments and registered results are "plain data": null, bool, long, double, string,
/// <see cref="IReadOnlyList{T}"/> of plain data, or <see cref="IReadOnlyDictionary{TKey,TValue}"/> keyed by string.
/// Lists are built as <see cref="List{T}"/> and maps as <see cref="OrderedDictionary{TKey,TValue}"/> so output keeps source order.
/// </summary>
public static class PlainData
{
    public static OrderedDictionary<string, object?> NewMap() => new(StringComparer.Ordinal);

    public static bool IsMap(object? value) => value is IReadOnlyDictionary<string, object?>;

    public static bool IsList(object? value) => value is IReadOnlyList<object?> && value is not string;

    /// <summary>Structural equality; 1 and 1.0 are equal, maps compare without regard to key order.</summary>
    public static bool DeepEquals(object? a, object? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (string x, string y):
                return string.Equals(x, y, StringComparison.Ordinal);
            case (bool x, bool y):
                return x == y;
            case (long x, long y):
                return x == y;
            case (long or double, long or double):
                return Convert.ToDouble(a, CultureInfo.InvariantCulture).Equals(Convert.ToDouble(b, CultureInfo.InvariantCulture));
            case (IReadOnlyDictionary<string, object?> x, IReadOnlyDictionary<string, object?> y):
                return x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var other) && DeepEquals(kv.Value, other));
            case (IReadOnlyList<object?> x, IReadOnlyList<object?> y):
                return x.Count == y.Count && x.Zip(y).All(p => DeepEquals(p.First, p.Second));
            default:
                return a.Equals(b);
        }
    }

    /// <summary>A deep copy, so that merging never aliases another scope's lists or maps.</summary>
    public static object? Clone(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => CloneMap(map),
        IReadOnlyList<object?> list when value is not string => list.Select(Clone).ToList(),
        _ => value,
    };

    public static OrderedDictionary<string, object?> CloneMap(IReadOnlyDictionary<string, object?> map)
    {
        var copy = NewMap();
        foreach (var (key, item) in map)
        {
            copy[key] = Clone(item);
        }

        return copy;
    }

    /// <summary>Ansible-like truthiness for values used as conditions.</summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0 && !s.Equals("false", StringComparison.OrdinalIgnoreCase) && s != "0"
            && !s.Equals("no", StringComparison.OrdinalIgnoreCase),
        IReadOnlyDictionary<string, object?> m => m.Count > 0,
        IReadOnlyList<object?> l => l.Count > 0,
        _ => true,
    };

    /// <summary>Compact JSON-like text, for messages and diffs.</summary>
    public static string ToDisplayString(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value, topLevel: true);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, bool topLevel)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case string s when topLevel:
                sb.Append(s);
                break;
            case string s:
                sb.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case IReadOnlyDictionary<string, object?> map:
                sb.Append('{');
                var first = true;
                foreach (var (key, item) in map)
                {
                    sb.Append(first ? string.Empty : ", ").Append(key).Append(": ");
                    Write(sb, item, topLevel: false);
                    first = false;
                }

                sb.Append('}');
                break;
            case IReadOnlyList<object?> list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    sb.Append(i == 0 ? string.Empty : ", ");
                    Write(sb, list[i], topLevel: false);
                }

                sb.Append(']');
                break;
            default:
                sb.Append(value);
                break;
        }
    }
}
