// group: local groups, through groupadd/groupmod/groupdel.
using System.Globalization;
using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Users;

internal sealed class GroupModule(IFileSystem fs, IProcessRunner processes) : IModule<GroupArgs, GroupEntry?>
{
    private readonly AccountDatabase _accounts = new(fs, processes);

    public static ModuleSchema Schema { get; } = new(
        "group",
        "Create, change or remove local groups.",
        [
            new ArgSpec("name", ArgType.String, "Group name.") { Required = true },
            new ArgSpec("state", ArgType.String, "Whether the group should exist.") { Default = "present", Choices = ["present", "absent"] },
            new ArgSpec("gid", ArgType.Int, "Numeric group id."),
            new ArgSpec("system", ArgType.Bool, "Create a system group (gid from the system range). Only used on creation.") { Default = false },
        ])
    {
        Examples =
        [
            new ModuleExample("A group for deploy users", """
                - group:
                    name: deploy
                    gid: 2001
                """),
        ],
        Returns =
        [
            new ReturnSpec("name", "string", "Group name."),
            new ReturnSpec("state", "string", "present or absent after the task."),
            new ReturnSpec("gid", "int", "Group id."),
            new ReturnSpec("system", "bool", "Whether a system group was asked for."),
        ],
    };

    ModuleSchema IModule<GroupArgs, GroupEntry?>.Schema => Schema;

    public GroupArgs Bind(ModuleArgs args) =>
        new(args.RequiredString("name"), args.String("state") == "present", (int?)args.Int("gid"), args.Bool("system"));

    public IReadOnlyList<ArgError> Validate(GroupArgs args) => AccountNames.Check("name", args.Name)
        .Concat(args.Gid is < 0 ? [new ArgError("gid", "must be 0 or more")] : []).ToList();

    public async Task<GroupEntry?> GetAsync(GroupArgs args, CancellationToken ct) =>
        (await _accounts.GroupsAsync(ct).ConfigureAwait(false)).FirstOrDefault(g => g.Name == args.Name);

    public IReadOnlyList<DiffEntry> Compare(GroupArgs args, GroupEntry? actual) => (args.Present, actual) switch
    {
        (true, null) => [new DiffEntry("state", "absent", "present")],
        (false, null) => [],
        (false, _) => [new DiffEntry("state", "present", "absent")],
        (true, _) when args.Gid is { } gid && gid != actual.Gid => [new DiffEntry("gid", Text(actual.Gid), Text(gid))],
        _ => [],
    };

    public async Task ApplyAsync(GroupArgs args, GroupEntry? actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct)
    {
        List<string> argv = (args.Present, actual) switch
        {
            (false, _) => ["groupdel", args.Name],
            (true, null) => ["groupadd", .. args.Gid is { } gid ? ["--gid", Text(gid)] : Array.Empty<string>(), .. args.System ? ["--system"] : Array.Empty<string>(), args.Name],
            _ => ["groupmod", "--gid", Text(args.Gid!.Value), args.Name],
        };
        await _accounts.RunAsync(argv, ct).ConfigureAwait(false);
    }

    public IReadOnlyDictionary<string, object?> Returns(GroupArgs args, GroupEntry? state)
    {
        var result = PlainData.NewMap();
        result["name"] = args.Name;
        result["state"] = state is null ? "absent" : "present";
        if (state is not null)
        {
            result["gid"] = (long)state.Gid;
        }

        result["system"] = args.System;
        return result;
    }

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
