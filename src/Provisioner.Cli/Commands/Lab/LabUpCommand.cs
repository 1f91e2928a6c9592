using System.CommandLine;
using System.Diagnostics;
using Provisioner.Lab;

namespace Provisioner.Cli.Commands.Lab;

internal static class LabUpCommand
{
    public static Command Create()
    {
        var common = new LabCommandOptions();
        var hosts = new Option<int?>("--hosts")
        {
            Description = $"Number of hosts (host1..hostN in group 'lab'); default {LabUpOptions.DefaultHosts}, or the hosts of the existing lab.",
            HelpName = "N",
        };
        var layout = new Option<string?>("--layout")
        {
            Description = "The hosts and their groups: a YAML inventory (e.g. inventory/site.yml; its addresses are ignored) or a layout such as groups: {lb: [lb1, lb2], app: [app1]}.",
            HelpName = "FILE",
        };
        var subnet = new Option<string?>("--subnet")
        {
            Description = $"Private IPv4 network for the lab (/24 or larger); default {LabUpOptions.DefaultSubnet}.",
            HelpName = "CIDR",
        };
        var mirror = new Option<string?>("--mirror")
        {
            Description = "http:// Debian mirror for the base image and the hosts; default: the one in this machine's apt sources.",
            HelpName = "URL",
        };
        var command = new Command("up", "Start the lab (or repair it): dockerd if needed, network, apt cache, base image, hosts; writes STATE/inventory.yml.")
        {
            hosts, layout, subnet, mirror,
        };
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) => LabCommandRunner.RunAsync("up", parse.GetValue(common.Verbose), async lab =>
        {
            var stopwatch = Stopwatch.StartNew();
            var options = new LabUpOptions(parse.GetValue(common.StateDirectory)!)
            {
                Hosts = parse.GetValue(hosts),
                LayoutFile = parse.GetValue(layout),
                Subnet = parse.GetValue(subnet),
                Mirror = parse.GetValue(mirror),
            };
            var state = await lab.UpAsync(options, cancellationToken).ConfigureAwait(false);
            var paths = LabService.PathsFor(options.StateDirectory);
            Console.WriteLine($"Lab {state.LabId} is up: {state.Hosts.Count} host(s) on {state.Subnet} in {stopwatch.Elapsed.TotalSeconds:0.0} s");
            foreach (var host in state.Hosts)
            {
                Console.WriteLine($"  {host.Name,-12} {host.Group,-10} {host.Address}");
            }

            Console.WriteLine($"Inventory:   {paths.Inventory}");
            Console.WriteLine($"Known hosts: {paths.KnownHosts}");
            Console.WriteLine($"Connect:     ssh -i {paths.PrivateKey} -o UserKnownHostsFile={paths.KnownHosts} root@{state.Hosts[0].Address}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
