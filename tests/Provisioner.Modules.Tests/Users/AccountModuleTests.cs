using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Tests.Users;

/// <summary>Creates, changes and removes real accounts on this machine (the tests run as root); every account is removed afterwards.</summary>
[NonParallelizable]
public class AccountModuleTests
{
    private Scratch _scratch = null!;
    private ScratchAccounts _accounts = null!;
    private ModuleCatalog _catalog = null!;

    [SetUp]
    public void SetUp()
    {
        _scratch = new Scratch();
        _accounts = new ScratchAccounts();
        _catalog = TestCatalog.Real();
    }

    [TearDown]
    public void TearDown()
    {
        _accounts.Dispose();
        _scratch.Dispose();
    }

    private IModuleRunner User => _catalog.FindRunner("user")!;

    private IModuleRunner Group => _catalog.FindRunner("group")!;

    [Test]
    public async Task Group_CreateChangeGidRemove_EachConverges()
    {
        var name = _accounts.NewGroupName();

        var created = await Converge.TwiceAsync(Group, Args.Of(("name", name), ("gid", 47011L)), _scratch);
        var changed = await Converge.TwiceAsync(Group, Args.Of(("name", name), ("gid", 47012L)), _scratch);
        await Converge.TwiceAsync(Group, Args.Of(("name", name), ("state", "absent")), _scratch);

        Assert.That(created.Returns["gid"], Is.EqualTo(47011L));
        Assert.That(CaseFile.Lines(changed.Diff), Is.EqualTo(new[] { "gid: 47011 → 47012" }));
        Assert.That(File.ReadAllText("/etc/group"), Does.Not.Contain(name + ":"));
    }

    [Test]
    public async Task User_CreateWithGroupsHomeAndShell_Converges()
    {
        var name = _accounts.NewUserName();
        var extra = _accounts.CreateGroup();
        var home = _scratch["home"];

        var outcome = await Converge.TwiceAsync(User, Args.Of(("name", name), ("uid", 47021L), ("groups", new List<object?> { extra }), ("home", home), ("shell", "/bin/sh"), ("comment", "Scratch User")), _scratch);

        Assert.That(outcome.Returns["uid"], Is.EqualTo(47021L));
        Assert.That(outcome.Returns["groups"], Is.EqualTo(new object[] { extra }));
        Assert.That(Directory.Exists(home), Is.True, "create_home defaults to yes");
        Assert.That(File.ReadAllText("/etc/passwd"), Does.Contain($"{name}:x:47021:"));
        Assert.That(File.ReadAllText("/etc/group"), Does.Contain($"\n{name}:x:"), "a group named like the user");
    }

    [Test]
    public async Task User_ChangeShellAndAppendGroup_Converges()
    {
        var name = _accounts.CreateUser();
        var first = _accounts.CreateGroup();
        var second = _accounts.CreateGroup();
        await Converge.TwiceAsync(User, Args.Of(("name", name), ("groups", first)), _scratch);

        var outcome = await Converge.TwiceAsync(User, Args.Of(("name", name), ("groups", second), ("append", true), ("shell", "/bin/bash")), _scratch);

        Assert.That(CaseFile.Lines(outcome.Diff), Is.EqualTo(new[] { $"groups: {first} → {first},{second}", "shell: /usr/sbin/nologin → /bin/bash" }));
        Assert.That(outcome.Returns["groups"], Is.EquivalentTo(new object[] { first, second }));
    }

    [Test]
    public async Task User_PasswordHash_IsSetAndNeverShown()
    {
        var name = _accounts.CreateUser();
        const string hash = "$6$saltsalt$0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijkl.";

        var outcome = await Converge.TwiceAsync(User, Args.Of(("name", name), ("password", hash)), _scratch);

        Assert.That(File.ReadAllText("/etc/shadow"), Does.Contain($"{name}:{hash}:"));
        Assert.That(string.Join(" ", outcome.Diff), Does.Not.Contain("saltsalt"));
    }

    [Test]
    public async Task User_SystemWithoutHome_ThenRemoved()
    {
        var name = _accounts.NewUserName();

        var created = await Converge.TwiceAsync(User, Args.Of(("name", name), ("system", true), ("create_home", false), ("home", "/nonexistent")), _scratch);
        await Converge.TwiceAsync(User, Args.Of(("name", name), ("state", "absent")), _scratch);

        Assert.That((long)created.Returns["uid"]!, Is.LessThan(1000L));
        Assert.That(File.ReadAllText("/etc/passwd"), Does.Not.Contain(name + ":"));
    }

    [Test]
    public async Task User_ClearTextPassword_IsRefused()
    {
        var outcome = await Converge.OnceAsync(User, Args.Of(("name", "alice"), ("password", "hunter2")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("never clear text"));
    }

    [Test]
    public async Task User_UnknownPrimaryGroup_FailsWithTheToolsMessage()
    {
        var name = _accounts.NewUserName();

        var outcome = await Converge.OnceAsync(User, Args.Of(("name", name), ("group", "no-such-group-xyz"), ("create_home", false)));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("useradd").And.Contain("no-such-group-xyz"));
    }
}
