namespace Provisioner.Bootstrap.Ssh;

/// <summary>A logged-in host: run commands, upload files. The install and enrolment steps only see this.</summary>
internal interface IRemoteHost : IAsyncDisposable
{
    SshTarget Target { get; }

    /// <summary>Runs the command, bounded in time on both sides; a timeout is a <see cref="RemoteCommandException"/>.</summary>
    Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken ct);

    /// <summary>Uploads <paramref name="content"/> to <paramref name="remotePath"/> as the login user (SFTP).</summary>
    Task UploadAsync(Stream content, string remotePath, CancellationToken ct);
}
