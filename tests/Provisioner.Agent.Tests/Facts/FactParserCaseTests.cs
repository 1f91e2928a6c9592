using Provisioner.Agent.Facts;
using Provisioner.Agent.Json;
using Provisioner.Core.Data;

namespace Provisioner.Agent.Tests.Facts;

/// <summary>Each pure fact parser against the case files in cases/facts/&lt;parser&gt;/: NAME.txt is the input, NAME.json the expected output.</summary>
public sealed class FactParserCaseTests
{
    private static readonly string CaseRoot = Path.Combine(TestContext.CurrentContext.TestDirectory, "cases", "facts");

    private static IEnumerable<TestCaseData> Cases(string parser) =>
        Directory.GetFiles(Path.Combine(CaseRoot, parser), "*.txt").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileNameWithoutExtension(f)).SetArgDisplayNames(Path.GetFileNameWithoutExtension(f)));

    private static IEnumerable<TestCaseData> OsReleaseCases() => Cases("os-release");

    private static IEnumerable<TestCaseData> MemInfoCases() => Cases("meminfo");

    private static IEnumerable<TestCaseData> RouteCases() => Cases("route");

    private static IEnumerable<TestCaseData> Ipv6RouteCases() => Cases("ipv6_route");

    private static IEnumerable<TestCaseData> CpuInfoCases() => Cases("cpuinfo");

    private static IEnumerable<TestCaseData> CpuOnlineCases() => Cases("cpu-online");

    private static IEnumerable<TestCaseData> HostsCases() => Cases("hosts");

    [TestCaseSource(nameof(OsReleaseCases))]
    public void OsReleaseParse_CaseFile_MatchesExpected(string name) =>
        AssertCase("os-release", name, OsReleaseParser.Parse);

    [TestCaseSource(nameof(MemInfoCases))]
    public void MemInfoParse_CaseFile_MatchesExpected(string name) =>
        AssertCase("meminfo", name, MemInfoParser.Parse);

    [TestCaseSource(nameof(RouteCases))]
    public void RouteParseIpv4_CaseFile_MatchesExpected(string name) =>
        AssertCase("route", name, text => Route(RouteTableParser.ParseIpv4(text)));

    [TestCaseSource(nameof(Ipv6RouteCases))]
    public void RouteParseIpv6_CaseFile_MatchesExpected(string name) =>
        AssertCase("ipv6_route", name, text => Route(RouteTableParser.ParseIpv6(text)));

    [TestCaseSource(nameof(CpuInfoCases))]
    public void CpuInfo_CaseFile_MatchesExpected(string name) =>
        AssertCase("cpuinfo", name, text =>
        {
            var map = PlainData.NewMap();
            map["model"] = CpuParser.Model(text);
            map["processors"] = (long)CpuParser.CountProcessors(text);
            return map;
        });

    [TestCaseSource(nameof(CpuOnlineCases))]
    public void CpuCountCpuList_CaseFile_MatchesExpected(string name) =>
        AssertCase("cpu-online", name, text => CpuParser.CountCpuList(text) is { } n ? (long)n : null);

    [TestCaseSource(nameof(HostsCases))]
    public void HostsFindFqdn_CaseFile_MatchesExpected(string name)
    {
        var expected = (IReadOnlyDictionary<string, object?>)PlainJson.Parse(File.ReadAllText(Path.Combine(CaseRoot, "hosts", name + ".json")))!;
        var text = File.ReadAllText(Path.Combine(CaseRoot, "hosts", name + ".txt"));

        Assert.That(HostsFileParser.FindFqdn(text, (string)expected["hostname"]!), Is.EqualTo(expected["fqdn"]));
    }

    private static OrderedDictionary<string, object?>? Route(DefaultRoute? route)
    {
        if (route is null)
        {
            return null;
        }

        var map = PlainData.NewMap();
        map["interface"] = route.Interface;
        map["gateway"] = route.Gateway;
        return map;
    }

    private static void AssertCase(string parser, string name, Func<string, object?> parse)
    {
        var input = File.ReadAllText(Path.Combine(CaseRoot, parser, name + ".txt"));
        var expected = PlainJson.Parse(File.ReadAllText(Path.Combine(CaseRoot, parser, name + ".json")));

        var actual = parse(input);

        Assert.That(PlainData.DeepEquals(actual, expected), Is.True,
            $"expected {PlainJson.Serialize(expected)}{Environment.NewLine}but got  {PlainJson.Serialize(actual)}");
    }
}
