using Provisioner.Lab.Hosts;
using Provisioner.Lab.Image;
using Provisioner.Lab.Inventory;
using Provisioner.Lab.Layout;
using Provisioner.Lab.Mirror;
using Provisioner.Lab.Network;
using Provisioner.Lab.Processes;
using Provisioner.Lab.State;

namespace Provisioner.Lab;

/// <summary>
/// <c>prov lab up</c>: each step reuses what exists and makes what is missing, and records what it made in lab.json
/// before moving on, so <c>down</c> can always undo it.
/// </summary>
internal sealed class LabUp(LabContext lab)
{
    private LabState _state = null!;

    public async Task<LabState> RunAsync(LabUpOptions options, CancellationToken cancellationToken)
    {
        var previous = lab.Store.Load();
        var layout = ResolveLayout(options, previous);
        var subnet = ResolveSubnet(options, previous, layout);
        _state = Save((previous ?? lab.NewState(subnet)) with { Subnet = subnet.ToString(), Gateway = subnet.Gateway });
        lab.Log.Information("Lab {LabId}: {Count} host(s) on {Subnet}, state in {StateDirectory}", lab.Names.LabId, layout.Hosts.Count, subnet, lab.Paths.StateDirectory);

        var dockerd = await lab.Daemon.EnsureAsync(previous?.Dockerd, r => Task.FromResult(Save(_state with { Dockerd = r })), cancellationToken).ConfigureAwait(false);
        Save(_state with { Dockerd = dockerd });

        await EnsureNetworkAsync(subnet, cancellationToken).ConfigureAwait(false);
        await EnsureFirewallAsync(cancellationToken).ConfigureAwait(false);
        var aptCacher = await lab.AptCacher.EnsureAsync(previous?.AptCacher, subnet.Gateway, r => Task.FromResult(Save(_state with { AptCacher = r })), cancellationToken).ConfigureAwait(false);
        Save(_state with { AptCacher = aptCacher });

        var newKey = await LabSshKey.EnsureAsync(lab.Runner, lab.Paths, lab.Names.LabId, cancellationToken).ConfigureAwait(false);
        var image = await lab.Images.EnsureAsync(() => options.Mirror is null ? MirrorDetector.Detect("/", BaseImageRecipe.Suite) : MirrorSelector.FromOption(options.Mirror), cancellationToken).ConfigureAwait(false);
        Save(_state with { Image = image });

        if (Kernel.InotifyLimits.Ensure(layout.Hosts.Count) is var (before, after))
        {
            lab.Log.Information("Raised fs.inotify.max_user_instances from {Before} to {After}: systemd in each of {Count} hosts needs several", before, after, layout.Hosts.Count);
        }

        var hosts = await EnsureHostsAsync(layout, subnet, image, newKey, cancellationToken).ConfigureAwait(false);
        var provisioner = new HostProvisioner(lab);
        await provisioner.WaitForSshAsync(hosts, cancellationToken).ConfigureAwait(false);
        var keys = await provisioner.ScanHostKeysAsync(hosts, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(lab.Paths.KnownHosts, string.Join('\n', hosts.SelectMany(h => keys[h.Address])) + "\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(lab.Paths.Inventory, InventoryWriter.Write(lab.Names.LabId, hosts, lab.Paths.PrivateKey, lab.Paths.KnownHosts), cancellationToken).ConfigureAwait(false);
        return _state;
    }

    private LabState Save(LabState state) => _state = lab.Store.Save(state);

    private static LabLayout ResolveLayout(LabUpOptions options, LabState? previous)
    {
        if (options.LayoutFile is not null && options.Hosts is not null)
        {
            throw new LabException("give either --hosts or --layout, not both");
        }

        if (options.LayoutFile is not null)
        {
            if (!File.Exists(options.LayoutFile))
            {
                throw new LabException($"--layout {options.LayoutFile}: no such file (the reference site's inventory, inventory/site.yml, is a layout)");
            }

            return LayoutParser.ParseFile(options.LayoutFile, options.LayoutFile);
        }

        if (options.Hosts is { } count)
        {
            return count is >= 1 and <= LayoutParser.MaxHosts
                ? LabLayout.Default(count)
                : throw new LabException($"--hosts {count}: a lab has 1 to {LayoutParser.MaxHosts} hosts");
        }

        return previous is { Hosts.Count: > 0 }
            ? new LabLayout(previous.Hosts.Select(h => new LabHostSpec(h.Name, h.Group)).ToList())
            : LabLayout.Default(LabUpOptions.DefaultHosts);
    }

    private static Ipv4Subnet ResolveSubnet(LabUpOptions options, LabState? previous, LabLayout layout)
    {
        var text = options.Subnet ?? previous?.Subnet ?? LabUpOptions.DefaultSubnet;
        if (!Ipv4Subnet.TryParse(text, out var subnet, out var error))
        {
            throw new LabException($"--subnet {text}: {error}");
        }

        if (previous is not null && previous.Subnet != subnet.ToString() && previous.NetworkId is not null)
        {
            throw new LabException($"this lab already uses subnet {previous.Subnet}; run 'prov lab down' first to move it to {subnet}");
        }

        if (!subnet.IsPrivate || subnet.PrefixLength > 24)
        {
            throw new LabException($"--subnet {subnet}: use a private (10/8, 172.16/12, 192.168/16) network of /24 or larger");
        }

        if (layout.Hosts.Count > subnet.HostCapacity)
        {
            throw new LabException($"{layout.Hosts.Count} hosts do not fit in {subnet} (room for {subnet.HostCapacity})");
        }

        return subnet;
    }

    private async Task EnsureNetworkAsync(Ipv4Subnet subnet, CancellationToken cancellationToken)
    {
        var networks = await lab.Docker.NetworksAsync(cancellationToken).ConfigureAwait(false);
        var existing = networks.FirstOrDefault(n => n.Name == lab.Names.Network);
        if (existing is not null)
        {
            if (existing.Label(LabNames.Label) != lab.Names.LabId || !existing.Subnets.Contains(subnet) || !existing.Internal)
            {
                throw new LabException(
                    $"Docker network {existing.Name} exists but is not this lab's internal network on {subnet} "
                    + $"(label {existing.Label(LabNames.Label) ?? "none"}, subnets {string.Join(", ", existing.Subnets)}); run 'prov lab down' or remove it with 'docker network rm {existing.Name}'");
            }

            Save(_state with { NetworkId = existing.Id });
            return;
        }

        var routes = RouteTableParser.Parse((await lab.Runner.RunCheckedAsync(
            new ProcessSpec("ip", ["-json", "-4", "route", "show", "table", "all"], TimeSpan.FromSeconds(15), "reading this machine's routes") { Hint = "apt-get install -y iproute2" },
            cancellationToken).ConfigureAwait(false)).StandardOutput);
        var conflicts = SubnetConflicts.Find(subnet, lab.Names.Bridge, lab.Names.Network, routes, networks);
        if (conflicts.Count > 0)
        {
            throw new LabException($"the lab subnet {subnet} is already in use here: {string.Join("; ", conflicts)}; choose a free private /24 with --subnet (e.g. 10.213.{(subnet.Network >> 8 & 255) + 1}.0/24)");
        }

        var id = await lab.Docker.CreateNetworkAsync(lab.Names.Network, subnet, lab.Names.Bridge, [$"{LabNames.Label}={lab.Names.LabId}"], cancellationToken).ConfigureAwait(false);
        Save(_state with { NetworkId = id });
        lab.Log.Information("Created network {Network} ({Subnet}, gateway {Gateway}, bridge {Bridge})", lab.Names.Network, subnet, subnet.Gateway, lab.Names.Bridge);
    }

    private async Task EnsureFirewallAsync(CancellationToken cancellationToken)
    {
        var rules = FirewallPlan.For(lab.Names.LabId, lab.Names.Bridge);
        Save(_state with { FirewallRules = rules });
        foreach (var rule in rules)
        {
            await lab.Firewall.AddAsync(rule, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<LabHostRecord>> EnsureHostsAsync(LabLayout layout, Ipv4Subnet subnet, string image, bool newKey, CancellationToken cancellationToken)
    {
        // The whole layout is recorded before any container is touched, so that an up that fails half-way is
        // retried (or removed) with the same hosts.
        var desired = layout.Hosts
            .Select((h, i) => new LabHostRecord(h.Name, h.Group, subnet.HostAddress(i), lab.Names.Container(h.Name), _state.Host(h.Name)?.ContainerId))
            .ToList();
        Save(_state with { Hosts = desired });
        var ours = await lab.Docker.ContainersAsync(lab.Names.LabelFilter, cancellationToken).ConfigureAwait(false);
        var stale = ours.Where(c => desired.All(d => d.Container != c.Name)).Select(c => c.Name).ToList();
        if (stale.Count > 0)
        {
            lab.Log.Information("Removing hosts no longer in the layout: {Containers}", stale);
            await lab.Docker.RemoveContainersAsync(stale, cancellationToken).ConfigureAwait(false);
        }

        var provisioner = new HostProvisioner(lab);
        var hosts = new List<LabHostRecord>();
        var toStart = new List<string>();
        foreach (var host in desired)
        {
            var info = await lab.Docker.InspectContainerAsync(host.Container, cancellationToken).ConfigureAwait(false);
            if (info is not null && ours.All(c => c.Name != host.Container))
            {
                throw new LabException($"a container named {host.Container} exists but is not part of this lab (no {LabNames.Label}={lab.Names.LabId} label); remove it with 'docker rm -f {host.Container}'");
            }

            if (info is not null && (info.Image != image || info.Address != host.Address))
            {
                lab.Log.Information("Replacing {Host}: its container has image {Image} and address {Address}", host.Name, info.Image, info.Address);
                await lab.Docker.RemoveContainersAsync([host.Container], cancellationToken).ConfigureAwait(false);
                info = null;
            }

            if (info is null)
            {
                hosts.Add(await provisioner.CreateAsync(_state, host, image, cancellationToken).ConfigureAwait(false));
                toStart.Add(host.Container);
            }
            else
            {
                if (newKey)
                {
                    await provisioner.InstallKeyAsync(host, cancellationToken).ConfigureAwait(false);
                }

                hosts.Add(host with { ContainerId = info.Id });
                if (!info.Running)
                {
                    toStart.Add(host.Container);
                }
            }

            Save(_state with { Hosts = [.. hosts, .. desired.Skip(hosts.Count)] });
        }

        if (toStart.Count > 0)
        {
            await lab.Docker.StartAsync(toStart, cancellationToken).ConfigureAwait(false);
            lab.Log.Information("Started {Count} host(s): {Hosts}", toStart.Count, toStart);
        }

        return hosts;
    }
}
