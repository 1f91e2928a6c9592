using System.Text;

namespace Provisioner.Controller.Dispatch;

/// <summary>
/// The id of one host's run of one play, derived from the run's id: <c>RUN-PLAY-HOST</c> ("01J9...-2-web1"), at most
/// 128 letters, digits, '.', '_' and '-' (what agents accept). Deterministic, so a retried StartRun finds the same run.
/// </summary>
public static class AgentRunIds
{
    private const int MaxLength = 128;

    public static string For(string runId, int playIndex, string host)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(host);
        var id = $"{runId}-{playIndex + 1}-{SafeName(host)}";
        return id.Length <= MaxLength ? id : id[..MaxLength];
    }

    /// <summary>The text with every character an agent run id (or a file name) must not hold replaced by '_'.</summary>
    public static string SafeName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        var safe = name.ToString();
        return safe.StartsWith('.') ? "_" + safe[1..] : safe;
    }
}
