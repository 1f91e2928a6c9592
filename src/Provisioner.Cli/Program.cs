using System.CommandLine;
using Provisioner.Cli;
using Provisioner.Cli.Commands;

var root = new RootCommand("prov: provision fleets of Linux machines from YAML playbooks, through an agent on each host.");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

try
{
    return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("prov: cancelled").ConfigureAwait(false);
    return ExitCodes.Error;
}
