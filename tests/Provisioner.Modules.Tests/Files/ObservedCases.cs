using System.Globalization;
using Provisioner.Modules.Files;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests.Files;

/// <summary>Reads a path's observed state from a case file: <c>{kind, mode, uid, owner, gid, group, target}</c>.</summary>
internal static class ObservedCases
{
    public static Observed? Read(object? data, string defaultPath)
    {
        if (data is not IReadOnlyDictionary<string, object?> map || map.GetValueOrDefault("kind") is null or "absent")
        {
            return null;
        }

        var kind = (string)map["kind"]! switch
        {
            "file" => FileKind.File,
            "directory" => FileKind.Directory,
            "link" => FileKind.Symlink,
            _ => FileKind.Other,
        };
        var mode = map.GetValueOrDefault("mode") is string m ? Convert.ToInt32(m, 8) : 0b110_100_100;
        var uid = Convert.ToInt32(map.GetValueOrDefault("uid") ?? 0L, CultureInfo.InvariantCulture);
        var gid = Convert.ToInt32(map.GetValueOrDefault("gid") ?? 0L, CultureInfo.InvariantCulture);
        var stat = new FileStat(kind, mode, uid, gid, 0) { LinkTarget = map.GetValueOrDefault("target") as string };
        return new Observed(
            map.GetValueOrDefault("path") as string ?? defaultPath,
            stat,
            map.TryGetValue("owner", out var o) ? o as string : "root",
            map.TryGetValue("group", out var g) ? g as string : "root");
    }
}
