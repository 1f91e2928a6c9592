namespace Provisioner.Modules.Users;

internal sealed record GroupArgs(string Name, bool Present, int? Gid, bool System);
