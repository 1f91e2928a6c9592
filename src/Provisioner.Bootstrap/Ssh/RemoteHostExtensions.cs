namespace Provisioner.Bootstrap.Ssh;

internal static class RemoteHostExtensions
{
    /// <summary>Runs the command and throws, with the command, exit code and error output, unless it exits 0.</summary>
    public static async Task<RemoteResult> RunCheckedAsync(this IRemoteHost host, RemoteCommand command, CancellationToken ct)
    {
        var result = await host.RunAsync(command, ct).ConfigureAwait(false);
        return result.Succeeded ? result : throw Failed(host, command, result);
    }

    public static Task<RemoteResult> RunCheckedAsync(this IRemoteHost host, CancellationToken ct, params string[] argv) =>
        host.RunCheckedAsync(new RemoteCommand(argv), ct);

    public static RemoteCommandException Failed(IRemoteHost host, RemoteCommand command, RemoteResult result)
    {
        var detail = string.IsNullOrWhiteSpace(result.Stderr) ? result.Stdout.Trim() : result.Stderr.Trim();
        if (detail.Length > 2000)
        {
            detail = detail[..2000] + " ...";
        }

        return new RemoteCommandException($"{host.Target.Name}: '{command}' failed (exit {result.ExitCode}){(detail.Length > 0 ? ": " + detail : string.Empty)}");
    }
}
