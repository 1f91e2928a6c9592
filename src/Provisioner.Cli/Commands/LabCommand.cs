using System.CommandLine;
using Provisioner.Cli.Commands.Lab;

namespace Provisioner.Cli.Commands;

/// <summary><c>prov lab</c>: real Debian 12 test hosts on this machine.</summary>
internal static class LabCommand
{
    public static Command Create() => new("lab", "Real Debian 12 hosts on this machine (systemd containers) for trying prov and for end-to-end tests; needs root.")
    {
        LabUpCommand.Create(),
        LabStatusCommand.Create(),
        LabResetCommand.Create(),
        LabDownCommand.Create(),
    };
}
