using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Provisioner.Bootstrap.Ssh;

/// <summary>
/// One verified, authenticated SSH connection to a host. Every command is wrapped as
/// <c>[sudo -n --] env LC_ALL=C timeout -k 5 SECONDS argv...</c>: bounded on the host, with output we can parse.
/// SFTP opens a second connection on first use (host key verified again).
/// </summary>
internal sealed class SshSession : IRemoteHost
{
    // Exit status of timeout(1) when the command ran out of time.
    private const int TimedOut = 124;
    private static readonly TimeSpan LocalGrace = TimeSpan.FromSeconds(15);

    private readonly SshClient _client;
    private readonly Func<CancellationToken, Task<SftpClient>> _openSftp;
    private readonly TimeSpan _commandTimeout;
    private SftpClient? _sftp;

    public SshSession(SshTarget target, SshClient client, Func<CancellationToken, Task<SftpClient>> openSftp, TimeSpan commandTimeout)
    {
        Target = target;
        _client = client;
        _openSftp = openSftp;
        _commandTimeout = commandTimeout;
    }

    public SshTarget Target { get; }

    /// <summary>The string the host's login shell runs for <paramref name="command"/>.</summary>
    public static string Render(RemoteCommand command, bool sudo, TimeSpan timeout)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        var argv = new List<string>();
        if (sudo && command.Become)
        {
            argv.AddRange(["sudo", "-n", "--"]);
        }

        argv.AddRange(["env", "LC_ALL=C", "timeout", "-k", "5", seconds.ToString(), .. command.Argv]);
        return ShellQuote.Join(argv);
    }

    public async Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken ct)
    {
        var timeout = command.Timeout ?? _commandTimeout;
        using var ssh = _client.CreateCommand(Render(command, Target.NeedsSudo, timeout), Encoding.UTF8);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout + LocalGrace);
        try
        {
            var running = ssh.ExecuteAsync(bounded.Token);
            if (command.Stdin is { } input)
            {
                await using var stdin = ssh.CreateInputStream();
                await stdin.WriteAsync(input, bounded.Token).ConfigureAwait(false);
            }

            await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new RemoteCommandException($"{Target.Name}: '{command}' did not finish within {timeout.TotalSeconds:0} s (no answer from the host)");
        }
        catch (Exception ex) when (ex is SshException or IOException)
        {
            throw new RemoteCommandException($"{Target.Name}: '{command}' could not be run: {ex.Message}", ex);
        }

        var exit = ssh.ExitStatus ?? -1;
        if (exit == TimedOut || ssh.ExitSignal is not null)
        {
            throw new RemoteCommandException(
                $"{Target.Name}: '{command}' was stopped after {timeout.TotalSeconds:0} s on the host{(ssh.ExitSignal is { } signal ? $" (signal {signal})" : string.Empty)}");
        }

        return new RemoteResult(exit, ssh.Result, ssh.Error);
    }

    public async Task UploadAsync(Stream content, string remotePath, CancellationToken ct)
    {
        _sftp ??= await _openSftp(ct).ConfigureAwait(false);
        try
        {
            await _sftp.UploadFileAsync(content, remotePath, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SshException or IOException)
        {
            throw new RemoteCommandException($"{Target.Name}: uploading to {remotePath} failed: {ex.Message}", ex);
        }
    }

    public ValueTask DisposeAsync()
    {
        _sftp?.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
