using Provisioner.Lab.Hosts;
using Provisioner.Lab.Image;
using Provisioner.Lab.Mirror;

namespace Provisioner.Lab;

/// <summary>
/// <c>prov lab reset HOST</c>: replaces one host by a bare one with the same name and address. The new container
/// makes new host keys, so the host's known_hosts lines are replaced.
/// </summary>
internal sealed class LabReset(LabContext lab)
{
    public async Task<LabHostStatus> RunAsync(string hostName, CancellationToken cancellationToken)
    {
        var state = lab.Store.Load() ?? throw new LabException($"no lab in {lab.Paths.StateDirectory}; start one with 'prov lab up'");
        var host = state.Host(hostName)
            ?? throw new LabException($"the lab has no host '{hostName}'; its hosts are: {string.Join(", ", state.Hosts.Select(h => h.Name))}");
        if (!await lab.Docker.AnswersAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new LabException("dockerd does not answer; run 'prov lab up' to bring the lab back first");
        }

        var image = await lab.Images.EnsureAsync(() => MirrorDetector.Detect("/", BaseImageRecipe.Suite), cancellationToken).ConfigureAwait(false);
        var started = lab.Time.GetTimestamp();
        await lab.Docker.RemoveContainersAsync([host.Container], cancellationToken).ConfigureAwait(false);
        var provisioner = new HostProvisioner(lab);
        var created = await provisioner.CreateAsync(state, host, image, cancellationToken).ConfigureAwait(false);
        lab.Store.Save(state with { Hosts = state.Hosts.Select(h => h.Name == hostName ? created : h).ToList() });
        await lab.Docker.StartAsync([created.Container], cancellationToken).ConfigureAwait(false);
        await provisioner.WaitForSshAsync([created], cancellationToken).ConfigureAwait(false);
        var keys = await provisioner.ScanHostKeysAsync([created], cancellationToken).ConfigureAwait(false);
        var existing = File.Exists(lab.Paths.KnownHosts) ? await File.ReadAllTextAsync(lab.Paths.KnownHosts, cancellationToken).ConfigureAwait(false) : string.Empty;
        await File.WriteAllTextAsync(lab.Paths.KnownHosts, KnownHostsFile.Replace(existing, created.Address, keys[created.Address]), cancellationToken).ConfigureAwait(false);
        lab.Log.Information("Reset {Host} ({Address}) in {Seconds:0.0} s; its new host keys are in {KnownHosts}", hostName, created.Address, lab.Time.GetElapsedTime(started).TotalSeconds, lab.Paths.KnownHosts);
        return new LabHostStatus(created.Name, created.Group, created.Address, created.Container, "running", true, false);
    }
}
