using Microsoft.Extensions.Time.Testing;
using Provisioner.Lab.Network;
using Provisioner.Lab.State;

namespace Provisioner.Lab.Tests.State;

public sealed class LabStateStoreTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("prov-lab-state-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Save_ThenLoad_RoundTripsEverythingAndStampsTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var store = new LabStateStore(Path.Combine(_directory, "sub", "lab.json"), time);
        var state = new LabState
        {
            LabId = "abcd1234", StateDirectory = _directory, Subnet = "10.213.77.0/24", Gateway = "10.213.77.1",
            NetworkName = "provlab-abcd1234", BridgeName = "pl-abcd1234", NetworkId = "n1", Image = "prov-lab/debian12:r1-x",
            Dockerd = new DockerdRecord(41, "/p", "/l", Docker0ExistedBefore: false) { RunDirectoryExistedBefore = false },
            AptCacher = new AptCacherRecord(42, "/a.pid", "/conf", "10.213.77.1", 3142, "/run/s.sock"),
            FirewallRules = FirewallPlan.For("abcd1234", "pl-abcd1234"),
            Hosts = [new LabHostRecord("host1", "lab", "10.213.77.11", "provlab-abcd1234-host1", "c1")],
        };

        store.Save(state);
        var loaded = store.Load()!;

        Assert.That(loaded.UpdatedAt, Is.EqualTo(time.GetUtcNow()));
        Assert.That(loaded.Dockerd, Is.EqualTo(state.Dockerd));
        Assert.That(loaded.AptCacher, Is.EqualTo(state.AptCacher));
        Assert.That(loaded.Hosts, Is.EqualTo(state.Hosts));
        Assert.That(loaded.FirewallRules.Select(r => r.ToString()), Is.EqualTo(state.FirewallRules.Select(r => r.ToString())));
        Assert.That(File.ReadAllText(store.Path), Does.Contain("\"labId\": \"abcd1234\""));
    }

    [Test]
    public void Load_Missing_ReturnsNull()
    {
        Assert.That(new LabStateStore(Path.Combine(_directory, "lab.json"), TimeProvider.System).Load(), Is.Null);
    }

    [Test]
    public void Load_Damaged_SaysDownStillWorks()
    {
        var path = Path.Combine(_directory, "lab.json");
        File.WriteAllText(path, "{\n  \"labId\": ");

        var error = Assert.Throws<LabException>(() => new LabStateStore(path, TimeProvider.System).Load());

        Assert.That(error!.Message, Does.StartWith(path + ":"));
        Assert.That(error.Message, Does.Contain("'prov lab down' still removes everything"));
    }
}
