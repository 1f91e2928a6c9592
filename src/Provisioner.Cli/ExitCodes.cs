namespace Provisioner.Cli;

/// <summary>Process exit codes; documented in the README.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Unexpected failure of prov itself or of its environment.</summary>
    public const int Error = 1;
    public const int TaskFailed = 2;
    public const int HostUnreachable = 3;
    public const int InvalidInput = 4;
}
