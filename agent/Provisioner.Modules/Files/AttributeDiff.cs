using System.Globalization;
using Provisioner.Core.Runs;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Files;

/// <summary>Compares and applies mode, owner and group; shared by every file module.</summary>
internal static class AttributeDiff
{
    /// <summary>Differences between wanted and found attributes. Owners compare by id when given as a number, else by name.</summary>
    public static IEnumerable<DiffEntry> Compare(Attributes wanted, Observed found)
    {
        var path = found.Path;
        if (wanted.Mode is { } mode && found.Stat.Kind != FileKind.Symlink)
        {
            var desired = Modes.Resolve(mode, found.Stat.Mode, found.Stat.Kind == FileKind.Directory);
            if (desired != found.Stat.Mode)
            {
                yield return new DiffEntry("mode", Modes.Octal(found.Stat.Mode), Modes.Octal(desired)) { Path = path };
            }
        }

        if (wanted.Owner is { } owner && !SameAccount(owner, found.Stat.Uid, found.Owner))
        {
            yield return new DiffEntry("owner", found.OwnerText, owner) { Path = path };
        }

        if (wanted.Group is { } group && !SameAccount(group, found.Stat.Gid, found.Group))
        {
            yield return new DiffEntry("group", found.GroupText, group) { Path = path };
        }
    }

    /// <summary>Changes owner and group (first: chown clears set-id bits), then the mode, where they differ.</summary>
    public static void Apply(IFileSystem fs, Attributes wanted, Observed found)
    {
        var uid = wanted.Owner is { } owner && !SameAccount(owner, found.Stat.Uid, found.Owner) ? Uid(fs, owner) : -1;
        var gid = wanted.Group is { } group && !SameAccount(group, found.Stat.Gid, found.Group) ? Gid(fs, group) : -1;
        if (uid != -1 || gid != -1)
        {
            fs.SetOwner(found.Path, uid, gid);
        }

        if (wanted.Mode is { } mode && found.Stat.Kind != FileKind.Symlink)
        {
            var desired = Modes.Resolve(mode, found.Stat.Mode, found.Stat.Kind == FileKind.Directory);
            if (desired != found.Stat.Mode || uid != -1 || gid != -1)
            {
                fs.SetMode(found.Path, desired);
            }
        }
    }

    /// <summary>The options for writing a new version of a file: wanted attributes, else those of the file it replaces.</summary>
    public static FileWriteOptions WriteOptions(IFileSystem fs, Attributes wanted, Observed? found, string? validate)
    {
        var current = found is { Stat.Kind: FileKind.File } ? found.Stat.Mode : 0b110_100_100;
        return new FileWriteOptions
        {
            Mode = wanted.Mode is { } mode ? Modes.Resolve(mode, current, isDirectory: false) : null,
            Uid = wanted.Owner is { } owner ? Uid(fs, owner) : null,
            Gid = wanted.Group is { } group ? Gid(fs, group) : null,
            Validate = validate,
        };
    }

    public static int Uid(IFileSystem fs, string owner) => fs.ResolveUser(owner)
        ?? throw new ModuleException($"owner '{owner}': no such user on this host; create it first (user module)");

    public static int Gid(IFileSystem fs, string group) => fs.ResolveGroup(group)
        ?? throw new ModuleException($"group '{group}': no such group on this host; create it first (group module)");

    private static bool SameAccount(string wanted, int id, string? name) =>
        int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var wantedId) ? wantedId == id : wanted == name;
}
