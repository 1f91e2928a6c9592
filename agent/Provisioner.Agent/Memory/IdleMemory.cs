// Gives back what start-up or a run used and an idle agent no longer needs, so a serving agent idles small.
using System.Runtime.InteropServices;

namespace Provisioner.Agent.Memory;

internal static partial class IdleMemory
{
    private const int MadvDontNeed = 4;

    /// <summary>
    /// Compacts the managed heap and returns its free pages to the system (start-up alone allocates about 10 MB, of
    /// which about 2 MB stays alive, and with one small heap the GC would not run for a long time), returns malloc's
    /// free pages, and unmaps this process's view of the agent binary's clean read-only pages: code run once at
    /// start-up and the type data the runtime unpacks at start-up. Those pages stay in the page cache and come back,
    /// read from the cache, when they are used again. Takes a few milliseconds; call it only when no run is active.
    /// </summary>
    public static IdleMemoryReport Release()
    {
        long dropped = 0;
        if (Environment.ProcessPath is { } exe && File.Exists("/proc/self/smaps"))
        {
            foreach (var range in Smaps.CleanReadOnlyMappings(File.ReadLines("/proc/self/smaps"), exe))
            {
                if (Madvise(range.Start, (nuint)range.Length, MadvDontNeed) == 0)
                {
                    dropped += range.Length;
                }
            }
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _ = MallocTrim(0);
        return new IdleMemoryReport(dropped, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
