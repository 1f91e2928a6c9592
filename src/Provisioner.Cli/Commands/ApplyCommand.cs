using System.CommandLine;
using Provisioner.Cli.Commands.Apply;
using Provisioner.Controller.Planning;

namespace Provisioner.Cli.Commands;

/// <summary><c>prov apply PLAYBOOK -i INVENTORY</c>: compile a plan per host and converge the hosts.</summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var playbook = new Argument<string>("PLAYBOOK") { Description = "The playbook to apply" };
        var connection = new ConnectionOptions();
        var extraVars = new Option<string[]>("--extra-vars", "-e")
        {
            Description = "Extra variables, winning over all others: key=value, @file.yml or a {...} mapping (repeatable)",
        };
        var check = new Option<bool>("--check", "-C") { Description = "Change nothing; report what would change" };
        var diff = new Option<bool>("--diff", "-D") { Description = "Show each change as a unified diff" };
        var limit = new Option<string?>("--limit", "-l") { Description = "Only hosts matching this pattern (within each play's hosts)" };
        var tags = new Option<string[]>("--tags", "-t") { Description = "Only tasks with one of these tags (comma-separated, repeatable)" };
        var skipTags = new Option<string[]>("--skip-tags") { Description = "Skip tasks with one of these tags (comma-separated, repeatable)" };
        var forks = new Option<int>("--forks", "-f") { Description = "Hosts contacted at once", DefaultValueFactory = _ => 50 };
        var verbose = new Option<bool[]>("--verbose", "-v") { Description = "More output (-v results, -vv task ids, -vvv debug lines)", Arity = ArgumentArity.Zero };
        var output = new Option<string>("--output", "-o") { Description = "text, or json: one JSON object per line", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var rolePaths = new Option<string[]>("--roles-path") { Description = "Additional folder to look for roles in (repeatable)" };
        forks.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--forks must be 1 or more");
            }
        });

        var command = new Command("apply", "Compile a playbook into one plan per host and converge the hosts through their agents")
        {
            playbook, extraVars, check, diff, limit, tags, skipTags, forks, verbose, output, rolePaths,
        };
        foreach (var option in connection.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) =>
        {
            var request = new ApplyRequest(parse.GetValue(playbook)!)
            {
                Inventories = parse.GetValue(connection.Inventory) ?? [],
                ExtraVars = parse.GetValue(extraVars) ?? [],
                RolePaths = parse.GetValue(rolePaths) ?? [],
                Limit = parse.GetValue(limit),
                Tags = ArgumentLists.Split(parse.GetValue(tags)),
                SkipTags = ArgumentLists.Split(parse.GetValue(skipTags)),
                Check = parse.GetValue(check),
                Diff = parse.GetValue(diff),
            };
            var options = new ApplyOptions(request)
            {
                Forks = parse.GetValue(forks),
                Verbosity = ArgumentLists.Count(parse, verbose),
                Output = parse.GetValue(output)!,
                Connection = parse.GetValue(connection.Connection)!,
                AgentPath = parse.GetValue(connection.AgentPath),
                StateDir = parse.GetValue(connection.StateDir),
            };
            return ApplyRunner.RunAsync(options, ct);
        });
        return command;
    }
}
