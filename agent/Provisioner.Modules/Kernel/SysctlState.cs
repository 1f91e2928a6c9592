namespace Provisioner.Modules.Kernel;

/// <summary>The sysctl file's text (null when missing) and the running value (null when not read or unknown to the kernel).</summary>
internal sealed record SysctlState(string? FileText, string? Running);
