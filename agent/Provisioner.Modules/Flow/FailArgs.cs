namespace Provisioner.Modules.Flow;

/// <summary>fail: the message.</summary>
internal sealed record FailArgs(string Message);
