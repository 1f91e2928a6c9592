using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests.Services;

/// <summary>
/// A small model of systemctl (or of service/update-rc.d with <see cref="Systemd"/> false) behind the seams: units
/// with an active state, a unit file state, masking and pending daemon-reloads. Records every command it runs.
/// </summary>
internal sealed class FakeInitSystem : IProcessRunner, IFileSystem
{
    public bool Systemd { get; init; } = true;

    public Dictionary<string, FakeUnit> Units { get; } = new(StringComparer.Ordinal);

    public List<string> Commands { get; } = [];

    /// <summary>Commands that change something (everything but reads).</summary>
    public IEnumerable<string> Changes => Commands.Where(c => !c.StartsWith("systemctl show", StringComparison.Ordinal) && !c.EndsWith(" status", StringComparison.Ordinal));

    public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken ct)
    {
        var argv = request.Argv.Where(a => a != "--").ToList();
        Commands.Add(string.Join(' ', argv));
        return Task.FromResult(argv[0] switch
        {
            "systemctl" => Systemctl(argv),
            "service" => Service(argv[1], argv[2]),
            "update-rc.d" => UpdateRcD(argv[1], argv[2]),
            _ => throw new AssertionException($"unexpected program {argv[0]}"),
        });
    }

    private ProcessResult Systemctl(List<string> argv)
    {
        if (argv[1] == "daemon-reload")
        {
            foreach (var unit in Units.Values)
            {
                unit.OnDiskOnly = false;
                unit.NeedDaemonReload = false;
                unit.DropInsLoaded = [.. unit.DropInsOnDisk];
            }

            return Ok();
        }

        var name = argv[^1].EndsWith(".service", StringComparison.Ordinal) ? argv[^1] : argv[^1] + ".service";
        var found = Units.TryGetValue(name, out var u) && !u.OnDiskOnly ? u : null;
        if (argv[1] == "show")
        {
            return Ok(found is null
                ? $"Id={name}\nLoadState=not-found\nActiveState=inactive\nSubState=dead\nUnitFileState=\nNeedDaemonReload=no\n"
                : $"Id={name}\nLoadState={(found.Masked ? "masked" : "loaded")}\nActiveState={found.Active}\nSubState=x\n" +
                  $"UnitFileState={(found.Masked ? "masked" : found.FileState)}\nNeedDaemonReload={(found.NeedDaemonReload ? "yes" : "no")}\n" +
                  $"DropInPaths={string.Join(' ', found.DropInsLoaded)}\n");
        }

        if (found is null)
        {
            return new ProcessResult(5, string.Empty, $"Failed to {argv[1]} {name}: Unit {name} not found.");
        }

        switch (argv[1])
        {
            case "start" or "restart" when found.Masked:
                return new ProcessResult(1, string.Empty, $"Failed to start {name}: Unit {name} is masked.");
            case "start" or "restart":
                found.Active = found.CrashesOnStart ? "failed" : "active";
                found.Starts++;
                return found.CrashesOnStart ? new ProcessResult(1, string.Empty, $"Job for {name} failed because the control process exited with error code.") : Ok();
            case "reload":
                found.Reloads++;
                return Ok();
            case "stop":
                found.Active = "inactive";
                return Ok();
            case "enable" or "disable":
                found.FileState = argv[1] + "d";
                return Ok();
            case "mask" or "unmask":
                found.Masked = argv[1] == "mask";
                return Ok();
            default:
                throw new AssertionException($"unexpected systemctl {argv[1]}");
        }
    }

    private ProcessResult Service(string name, string verb)
    {
        var unit = Units[name + ".service"];
        switch (verb)
        {
            case "status":
                return new ProcessResult(unit.Active == "active" ? 0 : 3, string.Empty, string.Empty);
            case "start" or "restart":
                unit.Active = "active";
                unit.Starts++;
                return Ok();
            case "stop":
                unit.Active = "inactive";
                return Ok();
            default:
                throw new AssertionException($"unexpected service {verb}");
        }
    }

    private ProcessResult UpdateRcD(string name, string verb)
    {
        var unit = Units[name + ".service"];
        unit.FileState = verb switch
        {
            "defaults" => "enabled",
            "enable" => "enabled",
            "disable" => "disabled",
            _ => throw new AssertionException($"unexpected update-rc.d {verb}"),
        };
        unit.HasLinks = true;
        return Ok();
    }

    private static ProcessResult Ok(string stdout = "") => new(0, stdout, string.Empty);

    public FileStat? Stat(string path) => path switch
    {
        "/run/systemd/system" => Systemd ? new FileStat(FileKind.Directory, 0b111_101_101, 0, 0, 0) : null,
        _ when path.StartsWith("/etc/init.d/", StringComparison.Ordinal) =>
            Units.ContainsKey(path["/etc/init.d/".Length..] + ".service") ? new FileStat(FileKind.File, 0b111_101_101, 0, 0, 100) : null,
        _ when path.StartsWith("/etc/rc", StringComparison.Ordinal) => new FileStat(FileKind.Directory, 0b111_101_101, 0, 0, 0),
        _ when path.EndsWith(".service.d", StringComparison.Ordinal) =>
            Units.Values.Any(u => u.DropInsOnDisk.Any(d => Path.GetDirectoryName(d) == path)) ? new FileStat(FileKind.Directory, 0b111_101_101, 0, 0, 0) : null,
        _ => throw new AssertionException($"unexpected stat {path}"),
    };

    public IReadOnlyList<string> List(string directory)
    {
        if (directory.EndsWith(".service.d", StringComparison.Ordinal))
        {
            return Units.Values.SelectMany(u => u.DropInsOnDisk).Where(d => Path.GetDirectoryName(d) == directory).Order(StringComparer.Ordinal).ToList();
        }

        // Runlevel 2 holds a start link when enabled, a kill link when disabled (as update-rc.d leaves them).
        var level = directory["/etc/rc".Length..^".d".Length];
        return level == "2"
            ? Units.Where(u => u.Value.HasLinks).Select(u => $"{directory}/{(u.Value.FileState == "enabled" ? "S" : "K")}01{u.Key[..^".service".Length]}").ToList()
            : [];
    }

    public Task<byte[]> ReadAsync(string path, CancellationToken ct) => throw Unexpected(path);

    public Task WriteAtomicAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) => throw Unexpected(path);

    public void CreateDirectory(string path, int mode) => throw Unexpected(path);

    public void SetMode(string path, int mode) => throw Unexpected(path);

    public void SetOwner(string path, int uid, int gid) => throw Unexpected(path);

    public void CreateSymlink(string path, string target) => throw Unexpected(path);

    public void Delete(string path, bool recursive) => throw Unexpected(path);

    public void CopyFile(string source, string destination) => throw Unexpected(source);

    public int? ResolveUser(string nameOrId) => throw Unexpected(nameOrId);

    public int? ResolveGroup(string nameOrId) => throw Unexpected(nameOrId);

    public string? UserName(int uid) => throw Unexpected("uid");

    public string? GroupName(int gid) => throw Unexpected("gid");

    private static AssertionException Unexpected(string what) => new($"unexpected file system access: {what}");
}

internal sealed class FakeUnit
{
    public string Active { get; set; } = "inactive";

    public string FileState { get; set; } = "disabled";

    public bool Masked { get; set; }

    public bool NeedDaemonReload { get; set; }

    /// <summary>Drop-in files (full paths) on disk, and those systemd read at its last daemon-reload (its DropInPaths).</summary>
    public List<string> DropInsOnDisk { get; set; } = [];

    public List<string> DropInsLoaded { get; set; } = [];

    /// <summary>The unit file exists but systemd has not loaded it (written after the last daemon-reload).</summary>
    public bool OnDiskOnly { get; set; }

    public bool CrashesOnStart { get; set; }

    /// <summary>sysvinit: the rc links exist (update-rc.d ran once).</summary>
    public bool HasLinks { get; set; }

    public int Starts { get; set; }

    public int Reloads { get; set; }
}
