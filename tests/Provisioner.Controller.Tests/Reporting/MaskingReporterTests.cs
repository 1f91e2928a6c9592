using Provisioner.Controller.Reporting;
using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Controller.Tests.Dispatch;

namespace Provisioner.Controller.Tests.Reporting;

public sealed class MaskingReporterTests
{
    [Test]
    public void Report_SecretInEveryField_Masked()
    {
        var masker = new SecretMasker();
        masker.Add("hunter22");
        masker.Add("{{ not_a_secret }}");
        var inner = new CollectingReporter();
        var result = PlainData.NewMap();
        result["stdout"] = "password is hunter22";

        new MaskingReporter(masker, inner).Report(new TaskResultReport("h", 0, "t", "set hunter22", "changed")
        {
            Message = "hunter22 rejected",
            Item = "hunter22",
            Diff = [new DiffEntry("content", "old", "pw=hunter22\n") { Path = "/etc/hunter22" }],
            Result = result,
        });
        new MaskingReporter(masker, inner).Report(new HostLogReport("h", 0, "t", "info", "using {{ not_a_secret }} and hunter22"));

        var masked = (TaskResultReport)inner.Reports[0];
        Assert.Multiple(() =>
        {
            Assert.That(masked.Name, Is.EqualTo("set ********"));
            Assert.That(masked.Message, Is.EqualTo("******** rejected"));
            Assert.That(masked.Item, Is.EqualTo("********"));
            Assert.That(masked.Diff[0], Is.EqualTo(new DiffEntry("content", "old", "pw=********\n") { Path = "/etc/********" }));
            Assert.That(((IReadOnlyDictionary<string, object?>)masked.Result!)["stdout"], Is.EqualTo("password is ********"));
            Assert.That(((HostLogReport)inner.Reports[1]).Text, Is.EqualTo("using {{ not_a_secret }} and ********"), "templates are not secrets");
        });
    }

    [Test]
    public void MaskText_ShortSecret_OnlyWholeValue()
    {
        var masker = new SecretMasker();
        masker.Add("ab");

        Assert.Multiple(() =>
        {
            Assert.That(masker.MaskText("ab"), Is.EqualTo("********"));
            Assert.That(masker.MaskText("table"), Is.EqualTo("table"));
        });
    }
}
