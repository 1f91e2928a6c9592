using System.Text.RegularExpressions;

namespace Provisioner.Language.Inventory;

/// <summary>
/// Naming rules. Group and variable names must be identifiers so templates can use them
/// (<c>groups.web</c>, <c>{{ http_port }}</c>); host names must not collide with host-pattern syntax.
/// </summary>
internal static partial class InventoryNames
{
    public static bool IsValidGroupName(string name) => Identifier().IsMatch(name);

    public static bool IsValidVariableName(string name) => Identifier().IsMatch(name);

    public static bool IsValidHostName(string name) => HostName().IsMatch(name);

    public static string GroupNameHint(string name) =>
        $"invalid group name '{name}': use letters, digits and '_', not starting with a digit" + Suggest(name);

    public static string VariableNameHint(string name) =>
        $"invalid variable name '{name}': use letters, digits and '_', not starting with a digit" + Suggest(name);

    public static string HostNameHint(string name) =>
        $"invalid host name '{name}': use letters, digits, '.', '-' and '_' (put an IPv6 address or other target in 'address:')";

    private static string Suggest(string name)
    {
        var fixedName = NotWordChar().Replace(name, "_");
        if (fixedName.Length > 0 && char.IsAsciiDigit(fixedName[0]))
        {
            fixedName = "_" + fixedName;
        }

        return fixedName.Length > 0 && fixedName != name ? $" (e.g. '{fixedName}')" : string.Empty;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();

    [GeneratedRegex("[^A-Za-z0-9_]", RegexOptions.CultureInvariant)]
    private static partial Regex NotWordChar();
}
