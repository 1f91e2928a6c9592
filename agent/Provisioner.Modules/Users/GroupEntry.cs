namespace Provisioner.Modules.Users;

/// <summary>One line of /etc/group.</summary>
internal sealed record GroupEntry(string Name, int Gid, IReadOnlyList<string> Members);
