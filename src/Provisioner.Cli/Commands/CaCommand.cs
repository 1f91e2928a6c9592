using System.CommandLine;
using Provisioner.Cli.Commands.Ca;

namespace Provisioner.Cli.Commands;

/// <summary><c>prov ca</c>: the controller's private certificate authority.</summary>
internal static class CaCommand
{
    public static Command Create() => new("ca", "The controller's private CA: its certificate, agent certificates and revocations")
    {
        CaInitCommand.Create(),
        CaIssueCommand.Create(),
        CaListCommand.Create(),
        CaRevokeCommand.Create(),
    };
}
