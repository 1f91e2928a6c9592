using Provisioner.Agent.Facts;
using Provisioner.Agent.Json;

namespace Provisioner.Agent.Cli;

internal static class FactsCommand
{
    public static async Task<int> RunAsync(TextWriter stdout)
    {
        var facts = await FactGatherer.ForHost().GatherAsync(CancellationToken.None).ConfigureAwait(false);
        await stdout.WriteLineAsync(PlainJson.Serialize(facts, indented: true)).ConfigureAwait(false);
        return AgentExitCodes.Ok;
    }
}
