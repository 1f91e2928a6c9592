using Provisioner.Lab.Hosts;
using Provisioner.Lab.Network;
using Provisioner.Lab.State;

namespace Provisioner.Lab.Tests.Hosts;

public sealed class HostContainerTests
{
    [Test]
    public void CreateArguments_Host_BootsSystemdWithoutPrivilegedAtItsFixedAddress()
    {
        var names = new LabNames("abcd1234");
        var state = new LabState
        {
            LabId = names.LabId, StateDirectory = "/s", Subnet = "10.213.77.0/24", Gateway = "10.213.77.1",
            NetworkName = names.Network, BridgeName = names.Bridge,
        };
        var host = new LabHostRecord("db1", "db", Ipv4Subnet.Parse(state.Subnet).HostAddress(4), names.Container("db1"), null);

        var arguments = HostContainer.CreateArguments(names, state, host, "prov-lab/debian12:r1-x");
        var text = string.Join(' ', arguments);

        Assert.That(arguments, Does.Not.Contain("--privileged"));
        Assert.That(text, Does.Contain("--name provlab-abcd1234-db1 --hostname db1 --network provlab-abcd1234 --ip 10.213.77.15 --network-alias db1"));
        Assert.That(text, Does.Contain("--add-host prov-lab-apt-proxy:10.213.77.1"));
        Assert.That(text, Does.Contain("--label prov.lab=abcd1234 --label prov.lab.host=db1 --label prov.lab.group=db"));
        Assert.That(text, Does.Contain("--stop-signal SIGRTMIN+3"));
        Assert.That(text, Does.Contain("--cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt systempaths=unconfined"));
        Assert.That(text, Does.Contain("--volume /sys/fs/cgroup:/sys/fs/cgroup:rw --tmpfs /run --tmpfs /run/lock --volume /var/lib/docker"));
        Assert.That(arguments[^1], Is.EqualTo("prov-lab/debian12:r1-x"));
    }
}
