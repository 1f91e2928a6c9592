using System.CommandLine;
using Provisioner.Language.Playbooks;
using Provisioner.Language.Validation;
using Provisioner.Modules;

namespace Provisioner.Cli.Commands;

/// <summary><c>prov syntax-check PLAYBOOK</c>: every static check of a playbook, without contacting any host.</summary>
internal static class SyntaxCheckCommand
{
    public static Command Create()
    {
        var playbook = new Argument<string>("PLAYBOOK") { Description = "The playbook file to check" };
        var inventory = new Option<string[]>("--inventory", "-i")
        {
            Description = "Inventory file or folder (repeatable); enables host pattern and inventory variable checks",
        };
        var extraVars = new Option<string[]>("--extra-vars", "-e")
        {
            Description = "Extra variables: key=value, @file.yml or a {...} mapping (repeatable)",
        };
        var rolePaths = new Option<string[]>("--roles-path")
        {
            Description = "Additional folder to look for roles in, after roles/ beside the playbook (repeatable)",
        };
        var listTasks = new Option<bool>("--list-tasks") { Description = "Print the plays, roles and tasks as they will run" };

        var command = new Command("syntax-check", "Check a playbook, its roles, templates and variables without contacting any host")
        {
            playbook, inventory, extraVars, rolePaths, listTasks,
        };
        command.SetAction(parse =>
        {
            var request = new SyntaxCheckRequest(parse.GetValue(playbook)!)
            {
                Inventories = parse.GetValue(inventory) ?? [],
                ExtraVars = parse.GetValue(extraVars) ?? [],
                RolePaths = parse.GetValue(rolePaths) ?? [],
            };
            return Run(request, parse.GetValue(listTasks));
        });
        return command;
    }

    private static int Run(SyntaxCheckRequest request, bool listTasks)
    {
        var result = SyntaxCheck.Run(request, ModuleCatalog.Schemas);
        var stderr = Console.Error;
        foreach (var diagnostic in result.Diagnostics)
        {
            stderr.WriteLine(diagnostic.ToString());
        }

        stderr.WriteLine($"{Count(result.ErrorCount, "error")}, {Count(result.WarningCount, "warning")}");
        if (listTasks && !result.HasErrors)
        {
            Console.Out.Write(PlaybookOutline.Render(result.Playbook));
        }
        else if (!result.HasErrors)
        {
            var playbook = result.Playbook;
            Console.Out.WriteLine($"{playbook.Path}: {Count(playbook.Plays.Count, "play")}, {Count(playbook.Roles.Count, "role")}, {Count(TaskCount(result), "task")}");
        }

        return result.HasErrors ? ExitCodes.InvalidInput : ExitCodes.Ok;
    }

    private static int TaskCount(ValidatedPlaybook result) =>
        result.Playbook.Plays.Sum(p => Tasks(p.PreTasks) + Tasks(p.Tasks) + Tasks(p.PostTasks) + Tasks(p.Handlers))
        + result.Playbook.Roles.Values.Sum(r => Tasks(r.Tasks) + Tasks(r.Handlers));

    private static int Tasks(IEnumerable<Core.Playbooks.TaskNode> nodes) => nodes.Sum(n => n switch
    {
        Core.Playbooks.BlockSpec b => Tasks(b.Block) + Tasks(b.Rescue) + Tasks(b.Always),
        _ => 1,
    });

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
