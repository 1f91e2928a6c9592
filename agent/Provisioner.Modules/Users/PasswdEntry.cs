namespace Provisioner.Modules.Users;

/// <summary>One line of /etc/passwd.</summary>
internal sealed record PasswdEntry(string Name, int Uid, int Gid, string Comment, string Home, string Shell);
