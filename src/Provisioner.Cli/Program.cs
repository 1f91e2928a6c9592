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
    // '@file' arguments are prov's own (-e @vars.yml), not response files.
    var parsing = new ParserConfiguration { ResponseFileTokenReplacer = null };
    return await root.Parse(args, parsing).InvokeAsync().ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("prov: cancelled").ConfigureAwait(false);
    return ExitCodes.Error;
}
