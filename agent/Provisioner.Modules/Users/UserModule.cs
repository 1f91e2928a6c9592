// user: local accounts, through useradd/usermod/userdel.
using System.Globalization;
using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Users;

internal sealed class UserModule(IFileSystem fs, IProcessRunner processes) : IModule<UserArgs, UserState>
{
    private const string Hidden = "(hidden)";
    private readonly AccountDatabase _accounts = new(fs, processes);

    public static ModuleSchema Schema { get; } = new(
        "user",
        "Create, change or remove local user accounts.",
        [
            new ArgSpec("name", ArgType.String, "Login name.") { Required = true, Aliases = ["user"] },
            new ArgSpec("state", ArgType.String, "Whether the account should exist.") { Default = "present", Choices = ["present", "absent"] },
            new ArgSpec("uid", ArgType.Int, "Numeric user id."),
            new ArgSpec("group", ArgType.String, "Primary group (name or gid); it must exist. Default: a group named like the user."),
            new ArgSpec("groups", ArgType.List, "Supplementary groups. Without `append`, the user ends up in exactly these.") { Elements = ArgType.String },
            new ArgSpec("append", ArgType.Bool, "Add `groups` to the user's existing supplementary groups instead of replacing them.") { Default = false },
            new ArgSpec("shell", ArgType.Path, "Login shell."),
            new ArgSpec("home", ArgType.Path, "Home directory."),
            new ArgSpec("comment", ArgType.String, "GECOS field (full name)."),
            new ArgSpec("system", ArgType.Bool, "Create a system account (uid from the system range, no aging). Only used on creation.") { Default = false },
            new ArgSpec("create_home", ArgType.Bool, "Create the home directory when creating the account.") { Default = true, Aliases = ["createhome"] },
            new ArgSpec("password", ArgType.String, "Encrypted password hash as in /etc/shadow (`mkpasswd -m sha-512`), never clear text.") { Secret = true },
            new ArgSpec("remove", ArgType.Bool, "With state=absent, also remove the home directory and mail spool.") { Default = false },
        ])
    {
        Examples =
        [
            new ModuleExample("A system account for a service", """
                - user:
                    name: pretix
                    system: yes
                    home: /var/pretix
                    shell: /usr/sbin/nologin
                """),
            new ModuleExample("An admin who may use docker", """
                - user:
                    name: alice
                    groups: [sudo, docker]
                    append: yes
                """),
        ],
        Returns =
        [
            new ReturnSpec("name", "string", "Login name."),
            new ReturnSpec("state", "string", "present or absent after the task."),
            new ReturnSpec("uid", "int", "User id."),
            new ReturnSpec("group", "int", "Primary gid."),
            new ReturnSpec("groups", "list", "Supplementary group names."),
            new ReturnSpec("home", "string", "Home directory."),
            new ReturnSpec("shell", "string", "Login shell."),
        ],
    };

    ModuleSchema IModule<UserArgs, UserState>.Schema => Schema;

    public UserArgs Bind(ModuleArgs args) => new(
        args.RequiredString("name"),
        args.String("state") == "present",
        (int?)args.Int("uid"),
        args.String("group"),
        args.Has("groups") ? args.StringList("groups") : null,
        args.Bool("append"),
        args.String("shell"),
        args.String("home"),
        args.String("comment"),
        args.Bool("system"),
        args.Bool("create_home"),
        args.String("password"),
        args.Bool("remove"));

    public IReadOnlyList<ArgError> Validate(UserArgs args)
    {
        var errors = AccountNames.Check("name", args.Name).ToList();
        if (args.Password is { } hash && !hash.StartsWith('$') && hash is not "!" and not "*" && !hash.StartsWith('!'))
        {
            errors.Add(new ArgError("password", "must be a crypt hash as in /etc/shadow (e.g. from `mkpasswd -m sha-512`), never clear text"));
        }

        if (args.Comment?.Contains(':', StringComparison.Ordinal) == true)
        {
            errors.Add(new ArgError("comment", "must not contain ':'"));
        }

        return errors;
    }

    public async Task<UserState> GetAsync(UserArgs args, CancellationToken ct)
    {
        var users = await _accounts.UsersAsync(ct).ConfigureAwait(false);
        var groups = await _accounts.GroupsAsync(ct).ConfigureAwait(false);
        var user = users.FirstOrDefault(u => u.Name == args.Name);
        var primary = user is null ? null : groups.FirstOrDefault(g => g.Gid == user.Gid)?.Name ?? Text(user.Gid);
        var supplementary = groups.Where(g => g.Members.Contains(args.Name)).Select(g => g.Name).ToList();
        var hash = user is not null && args.Password is not null ? await _accounts.PasswordHashAsync(args.Name, ct).ConfigureAwait(false) : null;
        return new UserState(user, primary, supplementary, hash, groups.Any(g => g.Name == args.Name));
    }

    public IReadOnlyList<DiffEntry> Compare(UserArgs args, UserState actual)
    {
        if (actual.User is not { } user)
        {
            return args.Present ? [new DiffEntry("state", "absent", "present")] : [];
        }

        if (!args.Present)
        {
            return [new DiffEntry("state", "present", "absent")];
        }

        var diff = new List<DiffEntry>();
        Add(diff, "uid", Text(user.Uid), args.Uid is { } uid ? Text(uid) : null);
        if (args.Group is { } group && group != actual.PrimaryGroup && group != Text(user.Gid))
        {
            diff.Add(new DiffEntry("group", actual.PrimaryGroup ?? string.Empty, group));
        }

        if (WantedGroups(args, actual) is { } wanted)
        {
            diff.Add(new DiffEntry("groups", string.Join(",", actual.Groups), string.Join(",", wanted)));
        }

        Add(diff, "shell", user.Shell, args.Shell);
        Add(diff, "home", user.Home, args.Home);
        Add(diff, "comment", user.Comment, args.Comment);
        if (args.Password is { } password && password != actual.PasswordHash)
        {
            diff.Add(new DiffEntry("password", Hidden, "(changed)"));
        }

        return diff;
    }

    public async Task ApplyAsync(UserArgs args, UserState actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct)
    {
        if (!args.Present)
        {
            await _accounts.RunAsync(["userdel", .. args.Remove ? ["--remove"] : Array.Empty<string>(), args.Name], ct).ConfigureAwait(false);
            return;
        }

        var create = actual.User is null;
        var argv = new List<string> { create ? "useradd" : "usermod" };
        var changed = diff.Select(d => d.Property).ToHashSet(StringComparer.Ordinal);
        if (args.Uid is { } uid && (create || changed.Contains("uid")))
        {
            argv.AddRange(["--uid", Text(uid)]);
        }

        if (args.Group is { } group && (create || changed.Contains("group")))
        {
            argv.AddRange(["--gid", group]);
        }
        else if (create)
        {
            // Debian's useradd makes a group named like the user, unless one exists already: then join it.
            argv.AddRange(actual.GroupNamedLikeUserExists ? ["--gid", args.Name] : ["--user-group"]);
        }

        if (args.Groups is { Count: > 0 } groups && (create || changed.Contains("groups")))
        {
            argv.AddRange(create || !args.Append ? ["--groups", string.Join(",", groups)] : ["--append", "--groups", string.Join(",", groups)]);
        }
        else if (args.Groups is { Count: 0 } && changed.Contains("groups"))
        {
            argv.AddRange(["--groups", string.Empty]);
        }

        AddOption(argv, "--shell", args.Shell, create || changed.Contains("shell"));
        AddOption(argv, create ? "--home-dir" : "--home", args.Home, create || changed.Contains("home"));
        AddOption(argv, "--comment", args.Comment, create || changed.Contains("comment"));
        AddOption(argv, "--password", args.Password, create || changed.Contains("password"));
        if (create)
        {
            if (args.System)
            {
                argv.Add("--system");
            }

            argv.Add(args.CreateHome ? "--create-home" : "--no-create-home");
        }

        argv.Add(args.Name);
        await _accounts.RunAsync(argv, ct).ConfigureAwait(false);
    }

    public IReadOnlyDictionary<string, object?> Returns(UserArgs args, UserState state)
    {
        var result = PlainData.NewMap();
        result["name"] = args.Name;
        result["state"] = state.User is null ? "absent" : "present";
        if (state.User is { } user)
        {
            result["uid"] = (long)user.Uid;
            result["group"] = (long)user.Gid;
            result["groups"] = state.Groups.Select(g => (object?)g).ToList();
            result["home"] = user.Home;
            result["shell"] = user.Shell;
        }

        return result;
    }

    /// <summary>The supplementary groups the user should end up in, or null when they are already right.</summary>
    private static List<string>? WantedGroups(UserArgs args, UserState actual)
    {
        if (args.Groups is not { } groups)
        {
            return null;
        }

        var wanted = args.Append ? actual.Groups.Union(groups, StringComparer.Ordinal).ToList() : groups.Distinct(StringComparer.Ordinal).ToList();
        return wanted.ToHashSet(StringComparer.Ordinal).SetEquals(actual.Groups) ? null : wanted;
    }

    private static void Add(List<DiffEntry> diff, string property, string actual, string? wanted)
    {
        if (wanted is not null && wanted != actual)
        {
            diff.Add(new DiffEntry(property, actual, wanted));
        }
    }

    private static void AddOption(List<string> argv, string option, string? value, bool when)
    {
        if (value is not null && when)
        {
            argv.AddRange([option, value]);
        }
    }

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
