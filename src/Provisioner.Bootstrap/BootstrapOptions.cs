using Provisioner.Bootstrap.Install;

namespace Provisioner.Bootstrap;

/// <summary>How a bootstrap run goes: install or uninstall, where, and how many hosts at once.</summary>
public sealed record BootstrapOptions
{
    public const int DefaultForks = 5;

    public int Forks { get; init; } = DefaultForks;

    public bool Uninstall { get; init; }

    public InstallLayout Layout { get; init; } = new();

    /// <summary>How long the started agent has to answer GetCapabilities.</summary>
    public TimeSpan VerifyTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
