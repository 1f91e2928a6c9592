using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Google.Protobuf;
using Provisioner.Controller.Dispatch;
using Provisioner.Controller.Json;
using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using Provisioner.Protocol.Mapping;

namespace Provisioner.Controller.Local;

/// <summary>
/// A "host" that is this machine: each call runs prov-agent as a child process with its own state directory. StartRun
/// writes the plan (protobuf, mode 0600) and starts <c>prov-agent run-plan --json</c>; watching follows its output, or
/// for a run this connection did not start, runs <c>run-plan</c> again with the same id, which replays the recorded run.
/// </summary>
internal sealed class LocalHostConnection : IHostConnection
{
    private readonly AgentCommand _agent;
    private readonly string _stateDirectory;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AgentProcess> _runs = new(StringComparer.Ordinal);

    public LocalHostConnection(string host, AgentCommand agent, string stateDirectory)
    {
        Host = host;
        _agent = agent;
        _stateDirectory = stateDirectory;
    }

    public string Host { get; }

    private string PlansDirectory => Path.Combine(_stateDirectory, "plans");

    public async Task<AgentCapabilities> GetCapabilitiesAsync(CancellationToken ct)
    {
        var output = await RunToEndAsync(["--version"], ct).ConfigureAwait(false);
        var version = output.Trim().Split(' ', 2) is [_, var v] ? v : output.Trim();
        return new AgentCapabilities(version, 1, [], Host);
    }

    public async Task<IReadOnlyDictionary<string, object?>> GatherFactsAsync(CancellationToken ct)
    {
        var output = await RunToEndAsync(["facts"], ct).ConfigureAwait(false);
        try
        {
            return PlainJson.Parse(output) as IReadOnlyDictionary<string, object?>
                ?? throw new AgentRunException("prov-agent facts printed JSON that is not an object");
        }
        catch (JsonException ex)
        {
            throw new AgentRunException($"prov-agent facts printed something that is not JSON: {ex.Message}", ex);
        }
    }

    public async Task<StartRunReply> StartRunAsync(string runId, HostPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        lock (_gate)
        {
            if (_runs.ContainsKey(runId))
            {
                return new StartRunReply(runId, AlreadyStarted: true, RunStatus.Running);
            }
        }

        var planFile = PlanFile(runId);
        try
        {
            Files.PrivateFiles.CreateDirectory(PlansDirectory);
            await using var stream = Files.PrivateFiles.Create(planFile);
            PlanMapper.ToProto(plan).WriteTo(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AgentRunException($"cannot write the plan for {Host} to {planFile}: {ex.Message}", ex);
        }

        var process = Start(runId, planFile);
        await process.WaitStartedAsync(ct).ConfigureAwait(false);
        return new StartRunReply(runId, AlreadyStarted: false, RunStatus.Running);
    }

    public async IAsyncEnumerable<RunEvent> WatchRunAsync(string runId, long afterSeq, [EnumeratorCancellation] CancellationToken ct)
    {
        AgentProcess? process;
        lock (_gate)
        {
            _runs.TryGetValue(runId, out process);
        }

        if (process is null)
        {
            var planFile = PlanFile(runId);
            if (!File.Exists(planFile))
            {
                throw new AgentRunException($"no run '{runId}' is known on {Host} (no plan file {planFile})");
            }

            process = Start(runId, planFile);
        }

        await foreach (var e in process.EventsAsync(afterSeq, ct).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    public async Task<RunStatus> CancelRunAsync(string runId, CancellationToken ct)
    {
        AgentProcess? process;
        lock (_gate)
        {
            _runs.TryGetValue(runId, out process);
        }

        if (process is not null)
        {
            await process.TerminateAsync(ct).ConfigureAwait(false);
        }

        return RunStatus.Running;
    }

    public ValueTask DisposeAsync()
    {
        List<(string RunId, AgentProcess Process)> runs;
        lock (_gate)
        {
            runs = _runs.Select(kv => (kv.Key, kv.Value)).ToList();
            _runs.Clear();
        }

        foreach (var (runId, process) in runs)
        {
            process.Dispose();

            // The plan holds the play's variables, secrets included: it does not outlive the connection.
            File.Delete(PlanFile(runId));
        }

        return ValueTask.CompletedTask;
    }

    private string PlanFile(string runId) => Path.Combine(PlansDirectory, runId + ".pb");

    private AgentProcess Start(string runId, string planFile)
    {
        var process = AgentProcess.Start(_agent, Host, ["run-plan", planFile, "--json", "--run-id", runId, "--state-dir", _stateDirectory]);
        lock (_gate)
        {
            if (_runs.Remove(runId, out var previous))
            {
                previous.Dispose();
            }

            _runs[runId] = process;
        }

        return process;
    }

    private async Task<string> RunToEndAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        Process? process;
        try
        {
            process = Process.Start(_agent.StartInfo(arguments));
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new HostUnreachableException(Host, $"cannot start prov-agent ({_agent.Path}): {ex.Message}", ex);
        }

        if (process is null)
        {
            throw new HostUnreachableException(Host, $"prov-agent ({_agent.Path}) did not start");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new AgentRunException($"prov-agent {string.Join(' ', arguments)} failed (exit code {process.ExitCode}): {errors.Trim()}");
            }

            return output;
        }
    }
}
