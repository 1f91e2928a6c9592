using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Provisioner.Bench.Language;

/// <summary>Wall-clock and CPU time (user + system) of a child process or of a piece of work in this process.</summary>
internal static partial class Measure
{
    private const int RusageSelf = 0;
    private const int RusageChildren = -1;

    public static (double Wall, double Cpu) Process(string executable, string workingDirectory, out string stderr)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "syntax-check", "site.yml", "-i", "inventory.yml" })
        {
            start.ArgumentList.Add(arg);
        }

        var cpuBefore = CpuMilliseconds(RusageChildren);
        var watch = Stopwatch.StartNew();
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        stderr = errors.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} failed ({process.ExitCode}):\n{stderr}");
        }

        return (watch.Elapsed.TotalMilliseconds, CpuMilliseconds(RusageChildren) - cpuBefore);
    }

    public static (double Wall, double Cpu) InProcess(Action work)
    {
        var cpuBefore = CpuMilliseconds(RusageSelf);
        var watch = Stopwatch.StartNew();
        work();
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, CpuMilliseconds(RusageSelf) - cpuBefore);
    }

    private static double CpuMilliseconds(int who)
    {
        if (GetRusage(who, out var usage) != 0)
        {
            throw new InvalidOperationException("getrusage failed");
        }

        return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long Ixrss;
        public long Idrss;
        public long Isrss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NvCsw;
        public long NivCsw;
    }
}
