// Where the agent keeps its durable state; the one place that knows the directory layout.
namespace Provisioner.Agent.State;

/// <summary>
/// <code>
/// STATE_DIR/                     default /var/lib/prov-agent, --state-dir to move it
///   agent.lock                   flock(2)-held by the process executing a run; dies with the process
///   current-run                  id of the run executing now (runs are one at a time); left behind by a crash
///   handlers/pending.json        handler notifications not yet honoured by a successful handler run
///   runs/RUN_ID/run.json         the run record (status, host, play, times, counts), replaced atomically
///   runs/RUN_ID/events.jsonl     every event of the run, one JSON object per line, append-only
/// </code>
/// </summary>
internal sealed class StateLayout
{
    public const string DefaultRoot = "/var/lib/prov-agent";
    private const int MaxRunIdLength = 128;

    public StateLayout(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string LockFile => Path.Combine(Root, "agent.lock");

    public string RunsDirectory => Path.Combine(Root, "runs");

    public string CurrentRunFile => Path.Combine(Root, "current-run");

    public string PendingHandlersFile => Path.Combine(Root, "handlers", "pending.json");

    public string RunDirectory(string runId) => Path.Combine(RunsDirectory, CheckRunId(runId));

    public string RunRecordFile(string runId) => Path.Combine(RunDirectory(runId), "run.json");

    public string EventsFile(string runId) => Path.Combine(RunDirectory(runId), "events.jsonl");

    public void EnsureCreated()
    {
        Directory.CreateDirectory(RunsDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(Path.GetDirectoryName(PendingHandlersFile)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>A run id names a directory, so it is limited to letters, digits, '.', '_' and '-' (a UUID fits).</summary>
    public static string CheckRunId(string runId)
    {
        if (!IsValidRunId(runId))
        {
            throw new InvalidRunIdException(
                $"run id '{runId}' is not valid: use 1-{MaxRunIdLength} letters, digits, '.', '_' or '-', not starting with '.' (a UUID is a good choice)");
        }

        return runId;
    }

    public static bool IsValidRunId(string runId) =>
        runId.Length is > 0 and <= MaxRunIdLength && runId[0] != '.'
        && runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
