using Provisioner.Lab.AptCache;
using Provisioner.Lab.Docker;
using Provisioner.Lab.Image;
using Provisioner.Lab.Network;
using Provisioner.Lab.Processes;
using Provisioner.Lab.State;
using Serilog;

namespace Provisioner.Lab;

/// <summary>The composition root of one lab: its paths, names and the services that act on it.</summary>
internal sealed class LabContext
{
    public LabContext(string stateDirectory, ILogger log, TimeProvider time, IProcessRunner? runner = null)
    {
        Paths = LabPaths.For(stateDirectory);
        Names = LabNames.ForStateDirectory(Paths.StateDirectory);
        Log = log;
        Time = time;
        Runner = runner ?? new ProcessRunner(time, log);
        Store = new LabStateStore(Paths.StateFile, time);
        Docker = new DockerCli(Runner, $"is dockerd running? ('prov lab status' tells; a dockerd the lab started logs to {Paths.DockerdLog})");
        Daemon = new DockerDaemon(Runner, Docker, Paths, time, log);
        Firewall = new Firewall(Runner);
        AptCacher = new AptCacher(Runner, Paths, Names, time, log);
        Images = new BaseImageBuilder(Runner, Docker, Paths, time, log);
    }

    public LabPaths Paths { get; }

    public LabNames Names { get; }

    public ILogger Log { get; }

    public TimeProvider Time { get; }

    public IProcessRunner Runner { get; }

    public LabStateStore Store { get; }

    public DockerCli Docker { get; }

    public DockerDaemon Daemon { get; }

    public Firewall Firewall { get; }

    public AptCacher AptCacher { get; }

    public BaseImageBuilder Images { get; }

    public LabState NewState(Ipv4Subnet subnet) => new()
    {
        LabId = Names.LabId,
        StateDirectory = Paths.StateDirectory,
        Subnet = subnet.ToString(),
        Gateway = subnet.Gateway,
        NetworkName = Names.Network,
        BridgeName = Names.Bridge,
    };
}
