using System.Globalization;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Users;

namespace Provisioner.Modules.Tests.Users;

public class AccountCompareTests
{
    private static IEnumerable<TestCaseData> UserCases() => CaseFile.For("user");

    private static IEnumerable<TestCaseData> GroupCases() => CaseFile.For("group");

    [TestCaseSource(nameof(UserCases))]
    public void UserCompare_Case_GivesExpectedDiff(CaseFile c)
    {
        var module = new UserModule(Untouched.FileSystem, Untouched.Processes);
        var args = module.Bind(new ModuleArgs(UserModule.Schema, c.Args, new NoResources()));
        var actual = c.Actual as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();
        var user = actual.GetValueOrDefault("user") is IReadOnlyDictionary<string, object?> u
            ? new PasswdEntry((string)u["name"]!, Int(u["uid"]), Int(u["gid"]), u.GetValueOrDefault("comment") as string ?? string.Empty, (string)u["home"]!, (string)u["shell"]!)
            : null;
        var state = new UserState(
            user,
            actual.GetValueOrDefault("primary_group") as string,
            (actual.GetValueOrDefault("groups") as IReadOnlyList<object?> ?? []).Cast<string>().ToList(),
            actual.GetValueOrDefault("password_hash") as string,
            GroupNamedLikeUserExists: false);

        Assert.That(CaseFile.Lines(module.Compare(args, state)), Is.EqualTo(CaseFile.Lines(c.ExpectedDiff)));
    }

    [TestCaseSource(nameof(GroupCases))]
    public void GroupCompare_Case_GivesExpectedDiff(CaseFile c)
    {
        var module = new GroupModule(Untouched.FileSystem, Untouched.Processes);
        var args = module.Bind(new ModuleArgs(GroupModule.Schema, c.Args, new NoResources()));
        var state = c.Actual is IReadOnlyDictionary<string, object?> g ? new GroupEntry((string)g["name"]!, Int(g["gid"]), []) : null;

        Assert.That(CaseFile.Lines(module.Compare(args, state)), Is.EqualTo(CaseFile.Lines(c.ExpectedDiff)));
    }

    [Test]
    public void ParsePasswdAndGroup_RealFormat_AreRead()
    {
        var users = AccountDatabase.ParsePasswd("root:x:0:0:root:/root:/bin/bash\n# comment\nbroken line\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n");
        var groups = AccountDatabase.ParseGroup("sudo:x:27:alice,bob\ndocker:x:999:\n");

        Assert.That(users.Select(u => (u.Name, u.Uid, u.Home)), Is.EqualTo(new[] { ("root", 0, "/root"), ("www-data", 33, "/var/www") }));
        Assert.That(groups[0].Members, Is.EqualTo(new[] { "alice", "bob" }));
        Assert.That(groups[1].Members, Is.Empty);
    }

    private static int Int(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);
}
