namespace Provisioner.Agent.Memory;

/// <summary>One mapping of the process's address space, [Start, End).</summary>
internal readonly record struct MappedRange(nint Start, nint End, string Permissions)
{
    public long Length => End - Start;
}
