namespace Provisioner.Lab.Tests;

public sealed class LabNamesTests
{
    [Test]
    public void ForStateDirectory_SamePathWithOrWithoutSlash_SameId()
    {
        Assert.That(LabNames.ForStateDirectory("/work/x/.prov/lab").LabId, Is.EqualTo(LabNames.ForStateDirectory("/work/x/.prov/lab/").LabId));
        Assert.That(LabNames.ForStateDirectory("/work/x/.prov/lab").LabId, Is.Not.EqualTo(LabNames.ForStateDirectory("/work/y/.prov/lab").LabId));
    }

    [Test]
    public void Bridge_AnyId_FitsLinuxInterfaceNameLimit()
    {
        var names = LabNames.ForStateDirectory("/some/where");

        Assert.That(names.Bridge.Length, Is.LessThanOrEqualTo(15));
        Assert.That(names.LabelFilter, Is.EqualTo($"label=prov.lab={names.LabId}"));
    }
}
