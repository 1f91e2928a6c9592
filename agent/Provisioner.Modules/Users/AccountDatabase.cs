// Reads the local account databases (/etc/passwd, /etc/group, /etc/shadow) and runs the shadow-utils tools.
using System.Globalization;
using System.Text;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Users;

internal sealed class AccountDatabase(IFileSystem fs, IProcessRunner processes)
{
    public async Task<IReadOnlyList<PasswdEntry>> UsersAsync(CancellationToken ct) =>
        ParsePasswd(await ReadAsync("/etc/passwd", ct).ConfigureAwait(false));

    public async Task<IReadOnlyList<GroupEntry>> GroupsAsync(CancellationToken ct) =>
        ParseGroup(await ReadAsync("/etc/group", ct).ConfigureAwait(false));

    /// <summary>The password hash of a user from /etc/shadow, or null when the user has no entry.</summary>
    public async Task<string?> PasswordHashAsync(string user, CancellationToken ct) =>
        (await ReadAsync("/etc/shadow", ct).ConfigureAwait(false))
            .Split('\n').Select(l => l.Split(':')).FirstOrDefault(f => f.Length >= 2 && f[0] == user)?[1];

    /// <summary>Runs useradd, usermod and friends; a non-zero exit fails the task with the tool's message.</summary>
    public async Task RunAsync(IReadOnlyList<string> argv, CancellationToken ct)
    {
        var result = await processes.RunAsync(new ProcessRequest(argv), ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new ModuleException($"{CommandLine.Join(argv)} failed ({result.ExitCode}): {result.Stderr.Trim()}");
        }
    }

    public static IReadOnlyList<PasswdEntry> ParsePasswd(string text) =>
        Lines(text).Where(f => f.Length >= 7).Select(f => new PasswdEntry(f[0], Id(f[2]), Id(f[3]), f[4], f[5], f[6])).ToList();

    public static IReadOnlyList<GroupEntry> ParseGroup(string text) =>
        Lines(text).Where(f => f.Length >= 4)
            .Select(f => new GroupEntry(f[0], Id(f[2]), f[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .ToList();

    private async Task<string> ReadAsync(string path, CancellationToken ct) =>
        Encoding.UTF8.GetString(await fs.ReadAsync(path, ct).ConfigureAwait(false));

    private static IEnumerable<string[]> Lines(string text) =>
        text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.TrimEnd('\r').Split(':'));

    private static int Id(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
}
