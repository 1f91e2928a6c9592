using System.CommandLine;
using Provisioner.Lab;

namespace Provisioner.Cli.Commands.Lab;

internal static class LabDownCommand
{
    public static Command Create()
    {
        var common = new LabCommandOptions();
        var purge = new Option<bool>("--purge")
        {
            Description = "Also delete the cached base image (tarball and Docker image), the package cache and the lab key.",
        };
        var command = new Command("down", "Remove everything 'up' made: containers, network, apt-cacher-ng, iptables rules, and the dockerd it started.")
        {
            purge,
        };
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) => LabCommandRunner.RunAsync("down", parse.GetValue(common.Verbose), async lab =>
        {
            var report = await lab.DownAsync(new LabDownOptions(parse.GetValue(common.StateDirectory)!) { Purge = parse.GetValue(purge) }, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(report.Removed.Count == 0
                ? $"Lab {report.LabId}: nothing to remove"
                : $"Lab {report.LabId} is down; removed: {string.Join(", ", report.Removed)}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
