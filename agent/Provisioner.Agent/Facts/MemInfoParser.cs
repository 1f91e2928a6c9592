// /proc/meminfo → the "memory" fact, in MiB like Ansible's memtotal_mb.
using System.Globalization;
using Provisioner.Core.Data;

namespace Provisioner.Agent.Facts;

internal static class MemInfoParser
{
    public static OrderedDictionary<string, object?> Parse(string text)
    {
        var kib = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var number = line[(colon + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (number.Length > 0 && long.TryParse(number[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                kib[line[..colon].Trim()] = value;
            }
        }

        var memory = PlainData.NewMap();
        memory["total_mb"] = Mib(kib, "MemTotal");
        memory["free_mb"] = Mib(kib, "MemFree");
        // Kernels before 3.14 have no MemAvailable; free + buffers + cache is what it replaced.
        memory["available_mb"] = kib.ContainsKey("MemAvailable")
            ? Mib(kib, "MemAvailable")
            : Mib(kib, "MemFree") + Mib(kib, "Buffers") + Mib(kib, "Cached");
        memory["swap_total_mb"] = Mib(kib, "SwapTotal");
        memory["swap_free_mb"] = Mib(kib, "SwapFree");
        return memory;
    }

    private static long Mib(Dictionary<string, long> kib, string key) => kib.TryGetValue(key, out var v) ? v / 1024 : 0;
}
