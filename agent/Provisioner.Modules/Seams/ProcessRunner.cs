// Runs programs for the modules: argv only, in their own session so that a timeout kills everything they started.
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Seams;

/// <summary>
/// <see cref="IProcessRunner"/> for the local host. Each program starts through <c>setsid</c>, so it leads a new
/// session and process group; on timeout or cancellation that whole group is killed (SIGKILL), children included.
/// </summary>
public sealed class ProcessRunner(TimeProvider time) : IProcessRunner
{
    private const string Setsid = "/usr/bin/setsid";

    /// <summary>How long to wait for output pipes after the program ended or was killed; a daemon that escaped the group may hold them.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Argv.Count == 0 || request.Argv[0].Length == 0)
        {
            throw new ModuleException("cannot run an empty command");
        }

        var program = Resolve(request.Argv[0], request.Environment);
        var info = new ProcessStartInfo(Setsid)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = request.WorkingDirectory ?? "/",
        };
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(program);
        foreach (var arg in request.Argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in request.Environment)
        {
            info.Environment[name] = value;
        }

        if (request.WorkingDirectory is { } cwd && !Directory.Exists(cwd))
        {
            throw new ModuleException($"cannot run {request.Argv[0]}: working directory {cwd} does not exist");
        }

        var started = time.GetUtcNow();
        var stopwatch = time.GetTimestamp();
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ModuleException($"cannot run {request.Argv[0]}: {e.Message}", e);
        }

        using var timeout = request.Timeout is { } limit ? new CancellationTokenSource(limit, time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var stdin = WriteStdinAsync(process, request.Stdin);

        var killed = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LibC.KillGroup(process.Id, LibC.SIGKILL);
            killed = true;
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await Task.WhenAny(Task.WhenAll(stdout, stderr, stdin), Task.Delay(DrainTimeout, time, CancellationToken.None)).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();

        return new ProcessResult(
            killed ? -1 : process.ExitCode,
            stdout.IsCompletedSuccessfully ? stdout.Result : string.Empty,
            stderr.IsCompletedSuccessfully ? stderr.Result : string.Empty)
        {
            TimedOut = killed,
            Started = started,
            Duration = time.GetElapsedTime(stopwatch),
        };
    }

    private static async Task WriteStdinAsync(Process process, string? text)
    {
        try
        {
            if (text is not null)
            {
                await process.StandardInput.WriteAsync(text).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading all of its input: not an error of ours.
        }
    }

    /// <summary>The program's path: as given when it contains a slash, else the first match on PATH.</summary>
    private static string Resolve(string program, IReadOnlyDictionary<string, string> environment)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : throw new ModuleException($"cannot run {program}: no such file");
        }

        var path = environment.GetValueOrDefault("PATH") ?? Environment.GetEnvironmentVariable("PATH")
            ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new ModuleException($"cannot run {program}: not found in PATH ({path}); install it or give its full path");
    }
}
