namespace Provisioner.Bootstrap.Ssh;

/// <summary>How a remote command ended and what it printed.</summary>
internal sealed record RemoteResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
}
