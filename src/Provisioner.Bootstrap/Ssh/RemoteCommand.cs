namespace Provisioner.Bootstrap.Ssh;

/// <summary>
/// A command for the host as an argument list (never a shell string). <see cref="Become"/>: run as root (through
/// <c>sudo -n</c> when logged in as another user). <see cref="Stdin"/> is sent and closed; secrets travel this way
/// so that they never appear in a process list.
/// </summary>
internal sealed record RemoteCommand(IReadOnlyList<string> Argv)
{
    public bool Become { get; init; } = true;

    public byte[]? Stdin { get; init; }

    /// <summary>Null: the session's command timeout.</summary>
    public TimeSpan? Timeout { get; init; }

    public static RemoteCommand Of(params string[] argv) => new(argv);

    public override string ToString() => ShellQuote.Join(Argv);
}
