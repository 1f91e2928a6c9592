using System.CommandLine;
using Provisioner.Lab;

namespace Provisioner.Cli.Commands.Lab;

internal static class LabStatusCommand
{
    public static Command Create()
    {
        var common = new LabCommandOptions();
        var agentPort = new Option<int>("--agent-port")
        {
            Description = "Port the prov agent listens on.",
            DefaultValueFactory = _ => LabService.DefaultAgentPort,
            HelpName = "PORT",
        };
        var command = new Command("status", "List the lab's hosts and addresses, and whether sshd and the agent answer on each (exit 3 if a host's sshd does not).")
        {
            agentPort,
        };
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) => LabCommandRunner.RunAsync("status", parse.GetValue(common.Verbose), async lab =>
        {
            var report = await lab.StatusAsync(parse.GetValue(common.StateDirectory)!, parse.GetValue(agentPort), cancellationToken).ConfigureAwait(false);
            if (report.State is not { } state)
            {
                Console.WriteLine($"No lab in {report.Paths.StateDirectory} (start one with 'prov lab up').");
                return ExitCodes.Error;
            }

            Console.WriteLine($"Lab {state.LabId} in {state.StateDirectory}");
            Console.WriteLine($"  network        {state.NetworkName} {state.Subnet} (gateway {state.Gateway}, bridge {state.BridgeName}, internal)");
            Console.WriteLine($"  dockerd        {(report.DockerAnswers ? "answers" : "does not answer")}{(report.DockerdStartedByLab ? $" (started by the lab, pid {state.Dockerd!.Pid})" : string.Empty)}");
            Console.WriteLine($"  apt-cacher-ng  {(report.AptCacherRunning ? $"running on {state.Gateway}:3142" : "not running")}");
            Console.WriteLine($"  image          {state.Image ?? "(not built yet)"}");
            Console.WriteLine();
            Console.WriteLine($"  {"HOST",-12} {"GROUP",-10} {"ADDRESS",-15} {"CONTAINER",-10} {"SSH",-13} AGENT ({report.AgentPort})");
            foreach (var host in report.Hosts)
            {
                Console.WriteLine($"  {host.Name,-12} {host.Group,-10} {host.Address,-15} {host.ContainerState,-10} {(host.SshAnswers ? "answers" : "no answer"),-13} {(host.AgentAnswers ? "answers" : "no agent")}");
            }

            return report.AllSshAnswer ? ExitCodes.Ok : ExitCodes.HostUnreachable;
        }));
        return command;
    }
}
