namespace Provisioner.Modules.Users;

/// <summary>The user module's arguments; null means "not managed". <see cref="Groups"/> is null when not given.</summary>
internal sealed record UserArgs(
    string Name,
    bool Present,
    int? Uid,
    string? Group,
    IReadOnlyList<string>? Groups,
    bool Append,
    string? Shell,
    string? Home,
    string? Comment,
    bool System,
    bool CreateHome,
    string? Password,
    bool Remove);
