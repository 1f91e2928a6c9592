namespace Provisioner.Modules.Kernel;

internal sealed record SysctlArgs(string Name, string? Value, bool Present, string File, bool Reload, bool IgnoreErrors);
