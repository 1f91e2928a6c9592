using Provisioner.Lab.Image;
using Provisioner.Lab.Network;
using Provisioner.Lab.Processes;
using Provisioner.Lab.State;

namespace Provisioner.Lab;

/// <summary>
/// <c>prov lab down</c>: removes what <c>up</c> made, found by the lab's label and its state file, and carries on
/// past a failing step so that a half-made lab is still cleaned up; every failure is reported at the end.
/// </summary>
internal sealed class LabDown(LabContext lab)
{
    private readonly List<string> _removed = [];
    private readonly List<string> _errors = [];

    public async Task<LabDownReport> RunAsync(LabDownOptions options, CancellationToken cancellationToken)
    {
        LabState? state = null;
        try
        {
            state = lab.Store.Load();
        }
        catch (LabException ex)
        {
            _errors.Add(ex.Message);
        }

        var dockerd = state?.Dockerd ?? OrphanDockerd();
        var dockerAnswers = await lab.Docker.AnswersAsync(cancellationToken).ConfigureAwait(false);
        if (!dockerAnswers && dockerd is not null)
        {
            // Our dockerd died: start it again, or its containers and network would stay on disk.
            await Step("restarting the lab's dockerd to remove its containers", async () =>
            {
                dockerd = await lab.Daemon.EnsureAsync(dockerd, _ => Task.CompletedTask, cancellationToken).ConfigureAwait(false) ?? dockerd;
                dockerAnswers = true;
            }).ConfigureAwait(false);
        }

        if (dockerAnswers)
        {
            await Step("removing containers", () => RemoveContainersAsync(cancellationToken)).ConfigureAwait(false);
            await Step("removing the network", () => RemoveNetworksAsync(cancellationToken)).ConfigureAwait(false);
            if (options.Purge)
            {
                await Step("removing the base image", () => RemoveImageAsync(cancellationToken)).ConfigureAwait(false);
            }
        }
        else if (state is { Hosts.Count: > 0 } || state?.NetworkId is not null)
        {
            _errors.Add("dockerd does not answer, so the lab's containers and network could not be removed; start dockerd and run 'prov lab down' again");
        }

        await Step("stopping apt-cacher-ng", async () =>
        {
            if (await lab.AptCacher.StopAsync(cancellationToken).ConfigureAwait(false))
            {
                _removed.Add("apt-cacher-ng");
            }
        }).ConfigureAwait(false);
        await Step("removing iptables rules", () => RemoveFirewallRulesAsync(state, cancellationToken)).ConfigureAwait(false);
        if (dockerd is not null)
        {
            await Step("stopping the dockerd the lab started", async () =>
            {
                await lab.Daemon.StopAsync(dockerd, cancellationToken).ConfigureAwait(false);
                _removed.Add($"dockerd (pid {dockerd.Pid})");
            }).ConfigureAwait(false);
        }

        await Step("deleting the bridge", () => DeleteBridgeAsync(cancellationToken)).ConfigureAwait(false);

        if (_errors.Count > 0)
        {
            throw new LabException($"'prov lab down' could not remove everything of lab {lab.Names.LabId}:\n  " + string.Join("\n  ", _errors) + "\n  fix the cause and run 'prov lab down' again");
        }

        DeleteFiles(options.Purge);
        return new LabDownReport(lab.Names.LabId, _removed);
    }

    private async Task Step(string name, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (LabException ex)
        {
            lab.Log.Warning("{Step} failed: {Message}", name, ex.Message);
            _errors.Add($"{name}: {ex.Message}");
        }
    }

    private async Task RemoveContainersAsync(CancellationToken cancellationToken)
    {
        var containers = await lab.Docker.ContainersAsync(lab.Names.LabelFilter, cancellationToken).ConfigureAwait(false);
        await lab.Docker.RemoveContainersAsync(containers.Select(c => c.Name).ToList(), cancellationToken).ConfigureAwait(false);
        _removed.AddRange(containers.Select(c => "container " + c.Name));
    }

    private async Task RemoveNetworksAsync(CancellationToken cancellationToken)
    {
        var networks = await lab.Docker.NetworksAsync(cancellationToken).ConfigureAwait(false);
        foreach (var network in networks.Where(n => n.Label(LabNames.Label) == lab.Names.LabId))
        {
            await lab.Docker.RemoveNetworkAsync(network.Id, cancellationToken).ConfigureAwait(false);
            _removed.Add("network " + network.Name);
        }
    }

    private async Task RemoveImageAsync(CancellationToken cancellationToken)
    {
        if (await lab.Docker.ImageExistsAsync(BaseImageRecipe.ImageTag, cancellationToken).ConfigureAwait(false))
        {
            await lab.Runner.RunCheckedAsync(new ProcessSpec("docker", ["image", "rm", BaseImageRecipe.ImageTag], TimeSpan.FromSeconds(60), "removing the base image") { Hint = "another lab may still use it" }, cancellationToken).ConfigureAwait(false);
            _removed.Add("image " + BaseImageRecipe.ImageTag);
        }
    }

    private async Task RemoveFirewallRulesAsync(LabState? state, CancellationToken cancellationToken)
    {
        var rules = (state?.FirewallRules ?? [])
            .Concat(FirewallPlan.For(lab.Names.LabId, lab.Names.Bridge))
            .Concat(await lab.Firewall.ListTaggedAsync(lab.Names.LabId, cancellationToken).ConfigureAwait(false))
            .ToList();
        var count = 0;
        foreach (var rule in rules)
        {
            count += await lab.Firewall.RemoveAsync(rule, cancellationToken).ConfigureAwait(false);
        }

        var left = await lab.Firewall.ListTaggedAsync(lab.Names.LabId, cancellationToken).ConfigureAwait(false);
        if (left.Count > 0)
        {
            throw new LabException($"iptables rules tagged {FirewallPlan.Tag(lab.Names.LabId)} remain: {string.Join("; ", left)}; delete them with iptables -D");
        }

        if (count > 0)
        {
            _removed.Add($"{count} iptables rule(s)");
        }
    }

    private async Task DeleteBridgeAsync(CancellationToken cancellationToken)
    {
        // Docker deletes the bridge with the network; this catches a bridge left by a dockerd that died.
        if (Directory.Exists("/sys/class/net/" + lab.Names.Bridge))
        {
            await lab.Runner.RunCheckedAsync(new ProcessSpec("ip", ["link", "delete", lab.Names.Bridge], TimeSpan.FromSeconds(15), $"deleting bridge {lab.Names.Bridge}"), cancellationToken).ConfigureAwait(false);
            _removed.Add("bridge " + lab.Names.Bridge);
        }
    }

    /// <summary>A dockerd pid file without a state file: an <c>up</c> that died right after starting dockerd.</summary>
    private DockerdRecord? OrphanDockerd() =>
        File.Exists(lab.Paths.DockerdPidFile) && int.TryParse(File.ReadAllText(lab.Paths.DockerdPidFile).Trim(), out var pid)
            ? new DockerdRecord(pid, lab.Paths.DockerdPidFile, lab.Paths.DockerdLog, Docker0ExistedBefore: true)
            : null;

    private void DeleteFiles(bool purge)
    {
        foreach (var file in new[] { lab.Paths.StateFile, lab.Paths.KnownHosts, lab.Paths.Inventory })
        {
            FileOps.DeleteIfPresent(file);
        }

        if (!purge)
        {
            return;
        }

        // Only what the lab made: the state directory may be shared with other files.
        foreach (var file in new[] { lab.Paths.PrivateKey, lab.Paths.PublicKey })
        {
            FileOps.DeleteIfPresent(file);
        }

        foreach (var directory in new[] { lab.Paths.ImageDirectory, lab.Paths.AptCacherDirectory, lab.Paths.DockerdDirectory })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        if (Directory.Exists(lab.Paths.StateDirectory) && !Directory.EnumerateFileSystemEntries(lab.Paths.StateDirectory).Any())
        {
            Directory.Delete(lab.Paths.StateDirectory);
        }

        _removed.Add("cached image, package cache, lab key and state files");
    }
}
