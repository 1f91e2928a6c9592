// prov-agent's command line: a few verbs, parsed by hand to keep the binary small.
using System.Reflection;

namespace Provisioner.Agent.Cli;

internal static class AgentCli
{
    public const string Usage = """
        usage:
          prov-agent --version
          prov-agent facts
          prov-agent serve [--config /etc/prov/agent.json]
          prov-agent run-plan FILE [--check] [--diff] [--state-dir DIR] [--run-id ID] [--json] [--wait SECONDS]

        run-plan reads a HostPlan (protobuf binary, or protobuf JSON when FILE ends in .json), runs it on this host
        and prints one line per event (--json: one JSON object per line). A run id that was used before prints the
        recorded run instead of running again. Exit codes: 0 ok, 1 agent error (e.g. busy), 2 run failed,
        interrupted or cancelled, 4 invalid command line or plan.
        """;

    public static string Version =>
        typeof(AgentCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        switch (args)
        {
            case ["--version"] or ["version"]:
                await stdout.WriteLineAsync($"prov-agent {Version}").ConfigureAwait(false);
                return AgentExitCodes.Ok;
            case ["--help"] or ["-h"] or ["help"]:
                await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                return AgentExitCodes.Ok;
            case ["enroll", .. var rest]: return await Enrolment.EnrollCommand.RunAsync(rest, Console.In, stdout, stderr).ConfigureAwait(false);
            case ["facts", .. var rest]:
                return rest.Length == 0
                    ? await FactsCommand.RunAsync(stdout).ConfigureAwait(false)
                    : await UsageErrorAsync(stderr, $"facts takes no arguments, got '{string.Join(' ', rest)}'").ConfigureAwait(false);
            case ["run-plan", .. var rest]:
                var options = RunPlanOptions.Parse(rest, out var error);
                return options is null
                    ? await UsageErrorAsync(stderr, error!).ConfigureAwait(false)
                    : await RunPlanCommand.RunAsync(options, stdout, stderr).ConfigureAwait(false);
            case ["serve", .. var rest]:
                return await Server.ServeCommand.RunAsync(rest, stderr).ConfigureAwait(false);
            case []:
                return await UsageErrorAsync(stderr, "no command given").ConfigureAwait(false);
            default:
                return await UsageErrorAsync(stderr, $"unknown command '{args[0]}'").ConfigureAwait(false);
        }
    }

    private static async Task<int> UsageErrorAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync($"prov-agent: {message}").ConfigureAwait(false);
        await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
        return AgentExitCodes.InvalidInput;
    }
}
