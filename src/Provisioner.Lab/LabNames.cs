using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Lab;

/// <summary>
/// Names of everything a lab creates, derived from its id; the id is derived from the state directory's full path,
/// so <c>down</c> finds what a crashed <c>up</c> made even without a state file.
/// </summary>
public sealed record LabNames(string LabId)
{
    public const string Label = "prov.lab";
    public const string HostLabel = "prov.lab.host";
    public const string GroupLabel = "prov.lab.group";
    public const string RecipeLabel = "prov.lab.recipe";

    /// <summary>The name hosts use for the apt proxy (the gateway) in their apt configuration.</summary>
    public const string AptProxyName = "prov-lab-apt-proxy";

    public string LabelFilter => $"label={Label}={LabId}";

    public string Network => "provlab-" + LabId;

    /// <summary>Linux interface names are limited to 15 characters.</summary>
    public string Bridge => "pl-" + LabId;

    public string Container(string host) => $"provlab-{LabId}-{host}";

    /// <summary>apt-cacher-ng's control socket; unix socket paths are short, so it lives in /run, not the state directory.</summary>
    public string AptCacherSocket => $"/run/prov-lab-{LabId}-acng.sock";

    public static LabNames ForStateDirectory(string fullPath)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.TrimEndingDirectorySeparator(fullPath)));
        return new LabNames(Convert.ToHexStringLower(hash)[..8]);
    }
}
