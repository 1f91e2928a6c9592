using Provisioner.Lab.Processes;
using Provisioner.Lab.State;

namespace Provisioner.Lab.Hosts;

/// <summary>Creates host containers, waits for their sshd and collects their host keys; shared by up and reset.</summary>
internal sealed class HostProvisioner(LabContext lab)
{
    private static readonly TimeSpan SshTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Creates (not starts) the container and puts the lab key in root's authorized_keys.</summary>
    public async Task<LabHostRecord> CreateAsync(LabState state, LabHostRecord host, string image, CancellationToken cancellationToken)
    {
        var id = await lab.Docker.CreateContainerAsync(HostContainer.CreateArguments(lab.Names, state, host, image), host.Name, cancellationToken).ConfigureAwait(false);
        await InstallKeyAsync(host, cancellationToken).ConfigureAwait(false);
        return host with { ContainerId = id };
    }

    public Task InstallKeyAsync(LabHostRecord host, CancellationToken cancellationToken) =>
        lab.Docker.CopyIntoAsync(lab.Paths.PublicKey, host.Container, "/root/.ssh/authorized_keys", cancellationToken);

    public async Task WaitForSshAsync(IReadOnlyList<LabHostRecord> hosts, CancellationToken cancellationToken)
    {
        var started = lab.Time.GetTimestamp();
        var waits = hosts.Select(async host =>
        {
            while (lab.Time.GetElapsedTime(started) < SshTimeout)
            {
                if (await TcpProbe.SshAnswersAsync(host.Address, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false))
                {
                    return (host, true);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), lab.Time, cancellationToken).ConfigureAwait(false);
            }

            return (host, false);
        });
        var results = await Task.WhenAll(waits).ConfigureAwait(false);
        var silent = results.Where(r => !r.Item2).Select(r => r.host).ToList();
        if (silent.Count > 0)
        {
            var details = new List<string>();
            foreach (var host in silent)
            {
                var info = await lab.Docker.InspectContainerAsync(host.Container, cancellationToken).ConfigureAwait(false);
                details.Add($"{host.Name} ({host.Address}, container {host.Container} {info?.State ?? "missing"}); last console lines:\n"
                    + await lab.Docker.LogsTailAsync(host.Container, cancellationToken).ConfigureAwait(false));
            }

            throw new LabException(
                $"sshd did not answer within {SshTimeout.TotalSeconds:0} s on: {string.Join("\n  ", details)}\n"
                + "  look inside with: docker exec -it CONTAINER systemctl --failed; 'prov lab reset HOST' replaces a host");
        }

        lab.Log.Information("sshd answers on {Count} host(s) after {Seconds:0.0} s", hosts.Count, lab.Time.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Host key lines per address from <c>ssh-keyscan</c>, retried for hosts that sent none yet.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ScanHostKeysAsync(IReadOnlyList<LabHostRecord> hosts, CancellationToken cancellationToken)
    {
        var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var attempt = 1; attempt <= 5 && keys.Count < hosts.Count; attempt++)
        {
            var pending = hosts.Where(h => !keys.ContainsKey(h.Address)).Select(h => h.Address).ToList();
            var result = await lab.Runner.RunAsync(
                new ProcessSpec("ssh-keyscan", ["-T", "5", "-t", "rsa,ecdsa,ed25519", .. pending], TimeSpan.FromSeconds(60), "collecting host keys with ssh-keyscan"),
                cancellationToken).ConfigureAwait(false);
            foreach (var address in pending)
            {
                var lines = KnownHostsFile.ParseKeyscan(result.StandardOutput, address);
                if (lines.Any(l => l.Contains(" ssh-ed25519 ", StringComparison.Ordinal)))
                {
                    keys[address] = lines;
                }
            }

            if (keys.Count < hosts.Count)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), lab.Time, cancellationToken).ConfigureAwait(false);
            }
        }

        var missing = hosts.Where(h => !keys.ContainsKey(h.Address)).Select(h => $"{h.Name} ({h.Address})").ToList();
        if (missing.Count > 0)
        {
            throw new LabException($"ssh-keyscan got no ed25519 host key from {string.Join(", ", missing)}; check the host key unit with: docker exec CONTAINER systemctl status prov-lab-ssh-host-keys ssh");
        }

        return keys;
    }
}
