using Provisioner.Bootstrap.Enrolment;
using Provisioner.Bootstrap.Verification;

namespace Provisioner.Cli.Commands.Bootstrap;

/// <summary>The CA and the agent transport bootstrap uses: the one place they are wired.</summary>
internal static class BootstrapComposition
{
    public static IAgentCertificateAuthority Authority(string? caDirectory, string stateDirectory)
    {
        _ = caDirectory ?? Path.Combine(stateDirectory, "ca");
        return new UnavailableAuthority(
            "this build of prov has no certificate authority yet (prov ca is not part of it), so no agent certificate can be signed");
    }

    public static IAgentProbe Probe() => new UnavailableAgentProbe(
        "this build of prov has no mTLS transport to agents yet (no AgentChannelFactory/AgentClient), so GetCapabilities cannot be called");
}
