// Plain data (Core's one data model) to and from google.protobuf.Value / Struct.
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Provisioner.Core.Data;

namespace Provisioner.Protocol.Mapping;

/// <summary>
/// Maps plain data to protobuf <see cref="Value"/>/<see cref="Struct"/> and back.
/// A Value number is a double, which holds integers exactly only up to 2^53. Integers beyond that travel as a
/// one-field struct <c>{"$prov_int64": "&lt;decimal&gt;"}</c> and come back as the exact long. In the other direction
/// a number with an integral value within ±2^53 decodes as a long, so a double such as 1.0 arrives as the long 1
/// (plain data treats the two as equal); other numbers decode as doubles.
/// </summary>
public static class PlainValueMapper
{
    /// <summary>Field name of the struct that carries an integer a double cannot hold exactly.</summary>
    public const string Int64Tag = "$prov_int64";

    /// <summary>2^53: the largest magnitude up to which every integer is exact as a double.</summary>
    public const long MaxExactDoubleInteger = 1L << 53;

    public static Value ToValue(object? value) => value switch
    {
        null => Value.ForNull(),
        bool b => Value.ForBool(b),
        string s => Value.ForString(s),
        long l => ToValue(l),
        int i => Value.ForNumber(i),
        double d => Value.ForNumber(d),
        float f => Value.ForNumber(f),
        IReadOnlyDictionary<string, object?> map => Value.ForStruct(ToStruct(map)),
        IReadOnlyList<object?> list => ToListValue(list),
        _ => throw new ArgumentException(
            $"cannot map a {value.GetType().Name} to a protobuf Value: plain data is null, bool, long, double, string, list or map",
            nameof(value)),
    };

    public static Struct ToStruct(IReadOnlyDictionary<string, object?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var result = new Struct();
        foreach (var (key, item) in map)
        {
            result.Fields[key] = ToValue(item);
        }

        return result;
    }

    public static object? FromValue(Value? value)
    {
        if (value is null)
        {
            return null;
        }

        return value.KindCase switch
        {
            Value.KindOneofCase.None or Value.KindOneofCase.NullValue => null,
            Value.KindOneofCase.BoolValue => value.BoolValue,
            Value.KindOneofCase.StringValue => value.StringValue,
            Value.KindOneofCase.NumberValue when IsExactInteger(value.NumberValue) => (long)value.NumberValue,
            Value.KindOneofCase.NumberValue => value.NumberValue,
            Value.KindOneofCase.StructValue => TryTaggedInt64(value.StructValue, out var l) ? l : FromStruct(value.StructValue),
            Value.KindOneofCase.ListValue => value.ListValue.Values.Select(FromValue).ToList(),
            _ => throw new ArgumentException($"unknown protobuf Value kind {value.KindCase}", nameof(value)),
        };
    }

    public static OrderedDictionary<string, object?> FromStruct(Struct? value)
    {
        var map = PlainData.NewMap();
        if (value is null)
        {
            return map;
        }

        foreach (var (key, item) in value.Fields)
        {
            map[key] = FromValue(item);
        }

        return map;
    }

    private static Value ToValue(long l)
    {
        if (l is >= -MaxExactDoubleInteger and <= MaxExactDoubleInteger)
        {
            return Value.ForNumber(l);
        }

        var tagged = new Struct();
        tagged.Fields[Int64Tag] = Value.ForString(l.ToString(CultureInfo.InvariantCulture));
        return Value.ForStruct(tagged);
    }

    private static Value ToListValue(IReadOnlyList<object?> list)
    {
        var result = new ListValue();
        foreach (var item in list)
        {
            result.Values.Add(ToValue(item));
        }

        return new Value { ListValue = result };
    }

    private static bool IsExactInteger(double d) =>
        Math.Floor(d) == d && d is >= -MaxExactDoubleInteger and <= MaxExactDoubleInteger;

    private static bool TryTaggedInt64(Struct value, out long result)
    {
        result = 0;
        return value.Fields.Count == 1
            && value.Fields.TryGetValue(Int64Tag, out var tag)
            && tag.KindCase == Value.KindOneofCase.StringValue
            && long.TryParse(tag.StringValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);
    }
}
