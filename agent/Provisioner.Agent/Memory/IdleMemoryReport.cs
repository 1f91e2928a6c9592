namespace Provisioner.Agent.Memory;

/// <summary>What <see cref="IdleMemory.Release"/> did: bytes of the binary's mappings dropped, managed heap left.</summary>
internal sealed record IdleMemoryReport(long BinaryBytesUnmapped, long HeapBytes);
