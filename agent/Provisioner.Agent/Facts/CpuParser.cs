// /sys/devices/system/cpu/online and /proc/cpuinfo → the "cpu" fact.
using System.Globalization;

namespace Provisioner.Agent.Facts;

internal static class CpuParser
{
    /// <summary>Counts CPUs in a kernel cpu list such as "0-3,6,8-9"; null when the text is not one.</summary>
    public static int? CountCpuList(string text)
    {
        var count = 0;
        foreach (var part in text.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return null;
                }

                count++;
            }
            else if (int.TryParse(part[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                && int.TryParse(part[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var to) && to >= from)
            {
                count += to - from + 1;
            }
            else
            {
                return null;
            }
        }

        return count == 0 ? null : count;
    }

    /// <summary>The "model name" (x86), else "Model", "Hardware" (ARM) or "cpu model" (MIPS) of /proc/cpuinfo.</summary>
    public static string Model(string cpuinfo)
    {
        string[] preference = ["model name", "Model", "Hardware", "cpu model"];
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in cpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            found.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }

        return preference.Select(found.GetValueOrDefault).FirstOrDefault(v => v is not null) ?? string.Empty;
    }

    /// <summary>Number of "processor" entries in /proc/cpuinfo.</summary>
    public static int CountProcessors(string cpuinfo) =>
        cpuinfo.Split('\n').Count(l => l.StartsWith("processor", StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal));
}
