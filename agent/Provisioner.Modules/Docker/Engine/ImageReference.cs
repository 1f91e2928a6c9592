// An image reference split the way the Engine API's pull and tag calls want it.
using System.Text.RegularExpressions;

namespace Provisioner.Modules.Docker.Engine;

/// <summary><c>repository[:tag]</c> or <c>repository@sha256:…</c>; <see cref="Name"/> is the full reference.</summary>
internal sealed partial record ImageReference(string Repository, string? Tag, string? Digest)
{
    public string Name => Digest is not null ? $"{Repository}@{Digest}" : $"{Repository}:{Tag}";

    /// <summary>Splits <paramref name="name"/>; a name without tag or digest gets <paramref name="defaultTag"/>. Null when it is not a reference.</summary>
    public static ImageReference? Parse(string name, string defaultTag = "latest")
    {
        ArgumentNullException.ThrowIfNull(name);
        // Also keeps names safe inside API paths: no '..', '?', '%' or spaces.
        if (!Valid().IsMatch(name) || name.Contains("..", StringComparison.Ordinal) || name.Contains("/.", StringComparison.Ordinal) || name.Contains("//", StringComparison.Ordinal))
        {
            return null;
        }

        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var digest = name[(at + 1)..];
            return digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length == 71 && !name[..at].Contains('@', StringComparison.Ordinal)
                ? new ImageReference(name[..at], null, digest)
                : null;
        }

        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? new ImageReference(name[..colon], name[(colon + 1)..], null) : new ImageReference(name, defaultTag, null);
    }

    public override string ToString() => Name;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$")]
    private static partial Regex Valid();
}
