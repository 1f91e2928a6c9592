using System.Diagnostics;

namespace Provisioner.Modules.Tests;

/// <summary>Throw-away users and groups on this machine (tests run as root); everything created is removed on dispose.</summary>
internal sealed class ScratchAccounts : IDisposable
{
    private readonly List<string> _users = [];
    private readonly List<string> _groups = [];

    /// <summary>A name no account has yet, registered for clean-up whichever module ends up creating it.</summary>
    public string NewUserName()
    {
        var name = "pt" + Guid.NewGuid().ToString("N")[..10];
        _users.Add(name);
        return name;
    }

    public string NewGroupName()
    {
        var name = "pg" + Guid.NewGuid().ToString("N")[..10];
        _groups.Add(name);
        return name;
    }

    /// <summary>Creates a system user without home, with a group of the same name.</summary>
    public string CreateUser()
    {
        var name = NewUserName();
        _groups.Add(name);
        Run("useradd", "--system", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", name);
        return name;
    }

    public string CreateGroup()
    {
        var name = NewGroupName();
        Run("groupadd", name);
        return name;
    }

    public void Dispose()
    {
        foreach (var user in _users)
        {
            RunQuietly("userdel", "--force", "--remove", user);
        }

        foreach (var group in _groups)
        {
            RunQuietly("groupdel", group);
        }
    }

    public static void Run(params string[] argv)
    {
        var (rc, output) = Exec(argv);
        if (rc != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', argv)} failed ({rc}): {output}");
        }
    }

    public static (int Rc, string Output) Exec(params string[] argv)
    {
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static void RunQuietly(params string[] argv) => Exec(argv);
}
