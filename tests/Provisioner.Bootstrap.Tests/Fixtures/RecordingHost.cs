using System.Text;
using Provisioner.Bootstrap.Ssh;

namespace Provisioner.Bootstrap.Tests.Fixtures;

/// <summary>Passes everything to a real host and keeps a transcript of what crossed the connection.</summary>
internal sealed class RecordingHost : IRemoteHost
{
    private readonly IRemoteHost _inner;

    public RecordingHost(IRemoteHost inner)
    {
        _inner = inner;
    }

    public StringBuilder Transcript { get; } = new();

    public List<RemoteCommand> Commands { get; } = [];

    public SshTarget Target => _inner.Target;

    public async Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken ct)
    {
        Commands.Add(command);
        Transcript.AppendLine(command.ToString());
        if (command.Stdin is { } stdin)
        {
            Transcript.AppendLine(Encoding.UTF8.GetString(stdin));
        }

        var result = await _inner.RunAsync(command, ct);
        Transcript.AppendLine(result.Stdout).AppendLine(result.Stderr);
        return result;
    }

    public Task UploadAsync(Stream content, string remotePath, CancellationToken ct)
    {
        Transcript.AppendLine($"upload {remotePath}");
        return _inner.UploadAsync(content, remotePath, ct);
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
