using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Provisioner.Core.Data;
using Provisioner.Protocol.Mapping;

namespace Provisioner.Agent.Tests.Mapping;

public sealed class PlainValueMapperTests
{
    private static IEnumerable<TestCaseData> Values()
    {
        yield return new TestCaseData((object?)null).SetName("FromValue_Null_RoundTrips");
        yield return new TestCaseData(true).SetName("FromValue_Bool_RoundTrips");
        yield return new TestCaseData("0644").SetName("FromValue_NumericLookingString_StaysString");
        yield return new TestCaseData(42L).SetName("FromValue_SmallLong_RoundTrips");
        yield return new TestCaseData(-7L).SetName("FromValue_NegativeLong_RoundTrips");
        yield return new TestCaseData(long.MaxValue).SetName("FromValue_LongMax_RoundTripsExactly");
        yield return new TestCaseData(long.MinValue).SetName("FromValue_LongMin_RoundTripsExactly");
        yield return new TestCaseData((1L << 53) + 1).SetName("FromValue_TwoPow53Plus1_RoundTripsExactly");
        yield return new TestCaseData(3.25).SetName("FromValue_Double_RoundTrips");
        yield return new TestCaseData(1e300).SetName("FromValue_HugeDouble_StaysDouble");
    }

    [TestCaseSource(nameof(Values))]
    public void RoundTrip(object? value)
    {
        var back = PlainValueMapper.FromValue(Value.Parser.ParseFrom(PlainValueMapper.ToValue(value).ToByteArray()));

        Assert.That(back, Is.EqualTo(value));
        Assert.That(back?.GetType(), Is.EqualTo(value?.GetType()));
    }

    [Test]
    public void FromValue_NestedMapWithListsAndBigInts_RoundTripsThroughJson()
    {
        var map = PlainData.NewMap();
        map["name"] = "web";
        map["ports"] = new List<object?> { 80L, 443L, 9007199254740993L };
        var inner = PlainData.NewMap();
        inner["enabled"] = false;
        inner["ratio"] = 0.5;
        inner["nothing"] = null;
        map["inner"] = inner;
        map["empty"] = new List<object?>();

        var json = JsonFormatter.Default.Format(PlainValueMapper.ToStruct(map));
        var back = PlainValueMapper.FromStruct(JsonParser.Default.Parse<Struct>(json));

        Assert.That(PlainData.DeepEquals(back, map), Is.True, json);
        Assert.That(((IReadOnlyList<object?>)back["ports"]!)[2], Is.EqualTo(9007199254740993L));
        Assert.That(back.Keys, Is.EqualTo(new[] { "name", "ports", "inner", "empty" }));
    }

    [Test]
    public void ToValue_LongBeyondTwoPow53_UsesTaggedStruct()
    {
        var value = PlainValueMapper.ToValue(long.MaxValue);

        Assert.That(value.KindCase, Is.EqualTo(Value.KindOneofCase.StructValue));
        Assert.That(value.StructValue.Fields[PlainValueMapper.Int64Tag].StringValue, Is.EqualTo("9223372036854775807"));
    }

    [Test]
    public void FromValue_IntegralDouble_ArrivesAsLong()
    {
        Assert.That(PlainValueMapper.FromValue(Value.ForNumber(2.0)), Is.EqualTo(2L).And.TypeOf<long>());
    }

    [Test]
    public void FromValue_StructWithTagAndOtherField_StaysMap()
    {
        var s = new Struct();
        s.Fields[PlainValueMapper.Int64Tag] = Value.ForString("12");
        s.Fields["other"] = Value.ForBool(true);

        Assert.That(PlainValueMapper.FromValue(Value.ForStruct(s)), Is.InstanceOf<IReadOnlyDictionary<string, object?>>());
    }

    [Test]
    public void ToValue_NonPlainObject_ThrowsNamingType()
    {
        Assert.That(() => PlainValueMapper.ToValue(new Uri("http://x")), Throws.ArgumentException.With.Message.Contains("Uri"));
    }
}
