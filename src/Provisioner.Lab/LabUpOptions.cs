namespace Provisioner.Lab;

/// <summary>Options of <c>prov lab up</c>; unset values come from the existing lab, then from the defaults.</summary>
public sealed record LabUpOptions(string StateDirectory)
{
    public const string DefaultSubnet = "10.213.77.0/24";
    public const int DefaultHosts = 3;

    public int? Hosts { get; init; }

    public string? LayoutFile { get; init; }

    public string? Subnet { get; init; }

    /// <summary>An http:// Debian mirror; by default the one this machine's apt sources use.</summary>
    public string? Mirror { get; init; }
}
