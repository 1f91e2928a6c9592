// One mount: "source:target[:options]", a host path or a named volume, as asked and as Docker reports it (HostConfig.Binds).
using System.Text.RegularExpressions;

namespace Provisioner.Modules.Docker;

internal sealed partial record VolumeSpec(string Source, string Target, IReadOnlyList<string> Options)
{
    private static readonly HashSet<string> KnownOptions = new(StringComparer.Ordinal)
    {
        "ro", "rw", "z", "Z", "nocopy", "shared", "rshared", "slave", "rslave", "private", "rprivate",
    };

    public bool IsBind => Source.StartsWith('/');

    /// <summary>The form Docker is given and compared in: options sorted, the default <c>rw</c> left out.</summary>
    public string Bind => Options.Count == 0 ? $"{Source}:{Target}" : $"{Source}:{Target}:{string.Join(',', Options)}";

    public static VolumeSpec? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            error = parts.Length == 1
                ? $"'{text}': anonymous volumes are not supported; name the volume (data:{text}) or give a host path"
                : $"'{text}': expected source:target[:options]";
            return null;
        }

        var (source, target) = (parts[0], parts[1]);
        if (!source.StartsWith('/') && !VolumeName().IsMatch(source))
        {
            error = $"'{text}': the source must be an absolute host path or a volume name";
            return null;
        }

        if (!target.StartsWith('/'))
        {
            error = $"'{text}': the target must be an absolute path in the container";
            return null;
        }

        var options = parts.Length == 3 ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        if (options.FirstOrDefault(o => !KnownOptions.Contains(o)) is { } unknown)
        {
            error = $"'{text}': unknown mount option '{unknown}' (known: {string.Join(", ", KnownOptions.Order(StringComparer.Ordinal))})";
            return null;
        }

        return new VolumeSpec(
            source.Length > 1 ? source.TrimEnd('/') : source,
            target.Length > 1 ? target.TrimEnd('/') : target,
            options.Where(o => o != "rw").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }

    public override string ToString() => Bind;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex VolumeName();
}
