namespace Provisioner.Agent.Memory;

/// <summary>What <see cref="IdleMemory.Release"/> left: the managed heap's size.</summary>
internal sealed record IdleMemoryReport(long HeapBytes);
