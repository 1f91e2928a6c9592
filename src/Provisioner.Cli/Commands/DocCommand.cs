using System.CommandLine;
using Provisioner.Modules;
using Provisioner.Modules.Docs;
using Provisioner.Modules.Seams;

namespace Provisioner.Cli.Commands;

/// <summary><c>prov doc [MODULE]</c>: module reference, read from the same schemas the validator and the agent use.</summary>
internal static class DocCommand
{
    public static Command Create()
    {
        var module = new Argument<string?>("MODULE")
        {
            Description = "Module (or alias) to describe; without it, every module is listed",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var markdown = new Option<bool>("--markdown") { Description = "Print the reference of every module as Markdown (docs/modules.md)" };
        var command = new Command("doc", "Show the modules: arguments, examples and returned values") { module, markdown };
        command.SetAction(parse => Run(parse.GetValue(module), parse.GetValue(markdown)));
        return command;
    }

    private static int Run(string? name, bool markdown)
    {
        var processes = new ProcessRunner(TimeProvider.System);
        var catalog = new ModuleCatalog(new LocalFileSystem(processes), processes, TimeProvider.System);
        if (markdown)
        {
            Console.Out.Write(ModuleDocs.Markdown(catalog.All, catalog.IsImplemented));
            return ExitCodes.Ok;
        }

        if (name is null)
        {
            Console.Out.Write(ModuleDocs.List(catalog.All, catalog.IsImplemented));
            return ExitCodes.Ok;
        }

        if (catalog.Find(name) is not { } schema)
        {
            Console.Error.WriteLine($"error: no module named '{name}'{Suggestion(catalog, name)}; `prov doc` lists them all");
            return ExitCodes.InvalidInput;
        }

        Console.Out.Write(ModuleDocs.Text(schema, catalog.IsImplemented(schema.Name)));
        return ExitCodes.Ok;
    }

    private static string Suggestion(ModuleCatalog catalog, string name)
    {
        var best = catalog.All.SelectMany(s => s.Aliases.Prepend(s.Name))
            .Select(n => (Name: n, Distance: Provisioner.Core.Schema.SchemaValidator.EditDistance(name.ToLowerInvariant(), n)))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Name is null ? string.Empty : $"; did you mean '{best.Name}'?";
    }
}
