// Gives back what start-up or a run used and an idle agent no longer needs, so a serving agent idles small.
using System.Runtime.InteropServices;

namespace Provisioner.Agent.Memory;

internal static partial class IdleMemory
{
    /// <summary>
    /// Compacts the managed heap and returns its free pages to the system (start-up alone allocates about 10 MB, of
    /// which about 2 MB stays alive, and with one small heap the GC would not run for a long time), then returns
    /// malloc's free pages. Takes a few milliseconds; call it only when no run is active.
    /// </summary>
    public static IdleMemoryReport Release()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _ = MallocTrim(0);
        return new IdleMemoryReport(GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
