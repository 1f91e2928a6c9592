using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Files;

/// <summary>A path as found on the host: what lstat says, plus the names of its owner and group.</summary>
internal sealed record Observed(string Path, FileStat Stat, string? Owner, string? Group)
{
    public static Observed? Read(IFileSystem fs, string path) =>
        fs.Stat(path) is { } stat ? new Observed(path, stat, fs.UserName(stat.Uid), fs.GroupName(stat.Gid)) : null;

    public string OwnerText => Owner ?? Stat.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string GroupText => Group ?? Stat.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string KindText(FileKind? kind) => kind switch
    {
        null => "absent",
        FileKind.File => "file",
        FileKind.Directory => "directory",
        FileKind.Symlink => "link",
        _ => "special file",
    };
}
