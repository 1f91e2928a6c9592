using Provisioner.Bootstrap.Enrolment;
using Provisioner.Bootstrap.Install;
using Provisioner.Bootstrap.Verification;

namespace Provisioner.Bootstrap;

/// <summary>What every host of a bootstrap run shares, built once by the caller (the CLI command is the composition root).</summary>
public sealed record BootstrapServices(
    AgentBinaryLocator Binaries,
    IAgentCertificateAuthority Authority,
    EnrolmentTokenStore Tokens,
    IAgentProbe Probe,
    TimeProvider Time);
