// Converts between plain data (PlainData) and the ScriptObject/ScriptArray values Scriban sees, with no reflection.
using System.Collections;
using System.Globalization;
using System.Numerics;
using Provisioner.Core.Data;
using Scriban.Runtime;

namespace Provisioner.Templating.Sandbox;

internal static class ScriptData
{
    private const int MaxDepth = 100;

    /// <summary>Converts plain data for Scriban; <paramref name="readOnly"/> yields maps and lists templates cannot change.</summary>
    public static object? ToScript(object? value, bool readOnly = false, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new TemplateException($"data nested deeper than {MaxDepth} levels (is a map or list contained in itself?)");
        }

        switch (value)
        {
            case null or bool or double or string or int:
                return value;
            case long l:
                // Scriban's own integers are int: matching them keeps array.contains, Equals-based helpers and
                // dictionary keys consistent with literals in the template.
                return l is >= int.MinValue and <= int.MaxValue ? (object)(int)l : l;
            case short or byte or sbyte or ushort:
                return Convert.ToInt32(value, CultureInfo.InvariantCulture);
            case uint u:
                return (long)u;
            case float f:
                return (double)f;
            case decimal m:
                return (double)m;
            case IReadOnlyDictionary<string, object?> map:
                var obj = readOnly ? new ReadOnlyScriptObject(map.Count) : new ScriptObject(map.Count);
                foreach (var (key, item) in map)
                {
                    obj.SetValue(key, ToScript(item, readOnly, depth + 1), readOnly: false);
                }

                return obj;
            case IReadOnlyList<object?> list:
                var array = new ScriptArray(list.Count);
                foreach (var item in list)
                {
                    array.Add(ToScript(item, readOnly, depth + 1));
                }

                if (readOnly)
                {
                    array.IsReadOnly = true;
                    _ = array.ScriptObject; // created lazily on first member access; make it now, as shared arrays are read concurrently
                }

                return array;
            default:
                throw new TemplateException(
                    $"a value of type {value.GetType().Name} is not plain data and cannot be used in a template; pass null, bool, long, double, string, lists or maps");
        }
    }

    /// <summary>Converts an evaluation result back to plain data (int → long, float → double, ScriptArray → list, ScriptObject → map).</summary>
    public static object? ToPlain(object? value, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new TemplateException($"result nested deeper than {MaxDepth} levels (is a list or object contained in itself?)");
        }

        switch (value)
        {
            case null or bool or long or double or string:
                return value;
            case int or short or byte or sbyte or uint or ushort:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case ulong u:
                return u <= long.MaxValue ? (long)u : (double)u;
            case float f:
                return (double)f;
            case decimal m:
                return (double)m;
            case BigInteger big:
                return big >= long.MinValue && big <= long.MaxValue ? (long)big : (double)big;
            case char c:
                return c.ToString();
            case DateTime dt:
                return dt.ToString("o", CultureInfo.InvariantCulture);
            case DateTimeOffset dto:
                return dto.ToString("o", CultureInfo.InvariantCulture);
            case TimeSpan ts:
                return ts.ToString("c", CultureInfo.InvariantCulture);
            case Enum e:
                return e.ToString();
            case IScriptCustomFunction:
                throw new TemplateException("the expression yields a function, not a value; call it with its arguments");
            case ScriptObject obj:
                var map = PlainData.NewMap();
                foreach (var key in obj.Keys)
                {
                    obj.TryGetValue(null, default, key, out var item);
                    map[key] = ToPlain(item, depth + 1);
                }

                return map;
            case IDictionary dictionary:
                var dmap = PlainData.NewMap();
                foreach (DictionaryEntry entry in dictionary)
                {
                    dmap[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = ToPlain(entry.Value, depth + 1);
                }

                return dmap;
            case IEnumerable enumerable:
                var list = new List<object?>();
                foreach (var item in enumerable)
                {
                    list.Add(ToPlain(item, depth + 1));
                }

                return list;
            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }
}
