namespace Provisioner.Modules.Files;

/// <summary>The destination as found (null when absent) and, when it is a regular file, its bytes.</summary>
internal sealed record ContentState(Observed? Found, byte[]? Content);
