using System.CommandLine;

namespace Provisioner.Cli.Commands.Lab;

internal static class LabResetCommand
{
    public static Command Create()
    {
        var common = new LabCommandOptions();
        var host = new Argument<string>("host") { Description = "The host to replace by a bare one (same name and address, new host key)." };
        var command = new Command("reset", "Replace one host by a bare one at the same address and name; its known_hosts entry is updated.")
        {
            host,
        };
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) => LabCommandRunner.RunAsync("reset", parse.GetValue(common.Verbose), async lab =>
        {
            var status = await lab.ResetAsync(parse.GetValue(common.StateDirectory)!, parse.GetValue(host)!, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Host {status.Name} ({status.Address}) is bare again; sshd answers with a new host key.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
