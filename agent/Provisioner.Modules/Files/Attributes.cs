using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Files;

/// <summary>Mode, owner and group a task asks for; null means "leave as it is". Owner and group are names or ids.</summary>
internal sealed record Attributes(string? Mode, string? Owner, string? Group)
{
    public bool IsEmpty => Mode is null && Owner is null && Group is null;
}
