using Provisioner.Lab.Preflight;

namespace Provisioner.Lab.Tests.Preflight;

public sealed class PreflightChecksTests
{
    [Test]
    public void RequireTools_Missing_NamesProgramsAndTheAptGetLine()
    {
        var error = Assert.Throws<LabException>(() => PreflightChecks.RequireTools(
        [
            new RequiredTool("sh", "dash"),
            new RequiredTool("prov-missing-a", "pkg-one"),
            new RequiredTool("prov-missing-b", "pkg-two"),
            new RequiredTool("prov-missing-c", "pkg-one"),
        ]));

        Assert.That(error!.Message, Does.StartWith("missing programs: prov-missing-a (package pkg-one), prov-missing-b (package pkg-two), prov-missing-c (package pkg-one)"));
        Assert.That(error.Message, Does.EndWith("install them with: apt-get install -y pkg-one pkg-two"));
    }

    [Test]
    public void UpTools_CoverEveryProgramTheLabRuns()
    {
        Assert.That(
            PreflightChecks.UpTools.Select(t => t.Program),
            Is.SupersetOf(new[] { "docker", "dockerd", "debootstrap", "apt-cacher-ng", "zstd", "ssh-keygen", "ssh-keyscan", "iptables", "ip", "start-stop-daemon", "tar" }));
    }
}
