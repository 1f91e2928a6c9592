using Provisioner.Security.Certificates;

namespace Provisioner.Security.Tests.Certificates;

public sealed class CredentialFilesTests
{
    [Test]
    public void LoadKey_ReadableByGroup_RefusedWithTheFix()
    {
        using var ca = new TestCa();
        File.SetUnixFileMode(ca.Layout.ControllerKey, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var ex = Assert.Throws<SecurityFileException>(() => CredentialFiles.LoadKey(ca.Layout.ControllerKey));

        Assert.That(ex!.Message, Does.Contain("chmod 600"));
    }

    [Test]
    public void LoadCertificateWithKey_KeyOfAnotherCertificate_Refused()
    {
        using var ca = new TestCa();
        using var agent = ca.Authority.IssueAgent("web1");
        agent.Save(ca.Path("web1.crt"), ca.Path("web1.key"));

        var ex = Assert.Throws<SecurityFileException>(() => CredentialFiles.LoadCertificateWithKey(ca.Path("web1.crt"), ca.Layout.ControllerKey));

        Assert.That(ex!.Path, Is.EqualTo(ca.Layout.ControllerKey));
    }

    [Test]
    public void WriteKey_ExistingFile_RefusesToOverwrite()
    {
        using var ca = new TestCa();
        using var agent = ca.Authority.IssueAgent("web1");
        var before = File.ReadAllText(ca.Layout.ControllerKey);

        Assert.Throws<SecurityFileException>(() => CredentialFiles.WriteKey(ca.Layout.ControllerKey, agent.Key));
        Assert.That(File.ReadAllText(ca.Layout.ControllerKey), Is.EqualTo(before));
    }
}
