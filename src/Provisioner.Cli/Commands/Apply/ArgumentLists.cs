using System.CommandLine;
using System.CommandLine.Parsing;

namespace Provisioner.Cli.Commands.Apply;

/// <summary>Small helpers for repeated options: comma lists and counted flags.</summary>
internal static class ArgumentLists
{
    /// <summary><c>--tags a,b --tags c</c> → a, b, c.</summary>
    public static IReadOnlyList<string> Split(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>How often a flag was given; <c>-vvv</c> counts three.</summary>
    public static int Count(ParseResult parse, Option option) =>
        parse.Tokens.Count(t => t.Type == TokenType.Option && (t.Value == option.Name || option.Aliases.Contains(t.Value)));
}
