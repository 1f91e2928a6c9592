using System.Globalization;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Services;

namespace Provisioner.Modules.Tests.Services;

/// <summary>
/// cases/service/*.yaml: <c>args</c>, the host's answer (<c>systemctl_show</c> text, or <c>sysv</c>: script present,
/// exit code of <c>service NAME status</c>, rc links) → expected <c>diff</c>, or <c>error</c>; <c>settled_diff</c> is
/// what remains after applying (one-shot requests left out).
/// </summary>
public class ServiceCompareTests
{
    private static IEnumerable<TestCaseData> Cases() => CaseFile.For("service");

    [TestCaseSource(nameof(Cases))]
    public void Compare_Case_GivesExpectedDiff(CaseFile c)
    {
        var module = new ServiceModule(Untouched.FileSystem, Untouched.Processes);
        var args = module.Bind(new ModuleArgs(ServiceModule.Schema, c.Args, new NoResources()));
        Assert.That(module.Validate(args), Is.Empty);

        if (c.Data.GetValueOrDefault("error") is string error)
        {
            Assert.That(() => module.Compare(args, StateOf(c, args)), Throws.TypeOf<ModuleException>().With.Message.Contains(error));
            return;
        }

        var state = StateOf(c, args);
        Assert.That(CaseFile.Lines(module.Compare(args, state)), Is.EqualTo(CaseFile.Lines(c.ExpectedDiff)));
        if (c.Data.ContainsKey("settled_diff"))
        {
            var settled = new CaseFile(c.Name, new Dictionary<string, object?> { ["diff"] = c.Data["settled_diff"] });
            Assert.That(CaseFile.Lines(module.Compare(module.Settled(args), state)), Is.EqualTo(CaseFile.Lines(settled.ExpectedDiff)));
        }
    }

    [Test]
    public void Parse_RealSystemctlOutput_ReadsEveryProperty()
    {
        var properties = SystemctlShow.Parse("Id=nginx.service\nLoadState=loaded\nActiveState=active\nSubState=running\nUnitFileState=enabled\nNeedDaemonReload=no\nDescription=A high performance web server and a reverse proxy server\n");

        var state = SystemctlShow.ToState("nginx", properties);

        Assert.That(state, Is.EqualTo(new ServiceState(ServiceManager.Systemd, "nginx.service", "loaded", "active", "enabled", false)));
        Assert.That(properties["Description"], Is.EqualTo("A high performance web server and a reverse proxy server"));
    }

    [Test]
    public void Validate_MaskedAndStarted_IsRefused()
    {
        var module = new ServiceModule(Untouched.FileSystem, Untouched.Processes);

        var errors = module.Validate(new ServiceArgs("nginx", "started", true, false, true));

        Assert.That(errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "masked: a masked unit cannot be started; use state: stopped, or masked: no",
            "masked: a masked unit cannot be enabled; use enabled: no, or masked: no",
        }));
    }

    [TestCase("-nginx")]
    [TestCase("../../etc/passwd")]
    [TestCase("nginx web")]
    public void Validate_NotAUnitName_IsRefused(string name)
    {
        var module = new ServiceModule(Untouched.FileSystem, Untouched.Processes);

        Assert.That(module.Validate(new ServiceArgs(name, "started", null, false, null)).Single().Argument, Is.EqualTo("name"));
    }

    private static ServiceState StateOf(CaseFile c, ServiceArgs args)
    {
        if (c.Data.GetValueOrDefault("systemctl_show") is string show)
        {
            return args.Name is null ? ServiceState.NoUnit(ServiceManager.Systemd) : SystemctlShow.ToState(args.Name, SystemctlShow.Parse(show));
        }

        var sysv = c.Map("sysv");
        var name = args.Name!.Replace(".service", string.Empty, StringComparison.Ordinal);
        if (sysv.GetValueOrDefault("script") is not true)
        {
            return new ServiceState(ServiceManager.SysVInit, name, "not-found", "inactive", string.Empty, false);
        }

        var links = (sysv.GetValueOrDefault("links") as IReadOnlyList<object?> ?? []).Cast<string>();
        var exit = Convert.ToInt32(sysv["status_exit"], CultureInfo.InvariantCulture);
        return new ServiceState(
            ServiceManager.SysVInit, name, "loaded", SysVInitBackend.ActiveState(name, exit), SysVInitBackend.Enabled(name, links) ? "enabled" : "disabled", false);
    }
}
