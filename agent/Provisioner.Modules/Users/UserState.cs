namespace Provisioner.Modules.Users;

/// <summary>The account as found (null when absent), its primary group's name, its supplementary groups, and its password hash when asked for.</summary>
internal sealed record UserState(PasswdEntry? User, string? PrimaryGroup, IReadOnlyList<string> Groups, string? PasswordHash, bool GroupNamedLikeUserExists);
