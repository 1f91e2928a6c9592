using System.CommandLine;

namespace Provisioner.Cli.Commands;

/// <summary>The one place where prov's commands are listed, in the order --help shows them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return ApplyCommand.Create();
        yield return SyntaxCheckCommand.Create();
        yield return InventoryCommand.Create();
        yield return FactsCommand.Create();
        yield return RunsCommand.Create();
        yield return BootstrapCommand.Create();
        yield return CaCommand.Create();
        yield return DocCommand.Create();
        yield return LabCommand.Create();
    }
}
