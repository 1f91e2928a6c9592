// Names of containers and networks, as Docker accepts them (and as they can appear in API paths).
using System.Text.RegularExpressions;

namespace Provisioner.Modules.Docker;

internal static partial class DockerNames
{
    public static bool IsValid(string name) => name.Length <= 128 && Name().IsMatch(name);

    /// <summary>The first 12 hex digits of an id, as docker ps shows it.</summary>
    public static string Short(string? id)
    {
        var hex = id is null ? string.Empty : id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return hex.Length > 12 ? hex[..12] : hex;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex Name();
}
