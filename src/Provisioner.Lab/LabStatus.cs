using Provisioner.Lab.Hosts;

namespace Provisioner.Lab;

/// <summary><c>prov lab status</c>: reads the state and probes every host; changes nothing.</summary>
internal sealed class LabStatus(LabContext lab)
{
    public async Task<LabStatusReport> RunAsync(int agentPort, CancellationToken cancellationToken)
    {
        var state = lab.Store.Load();
        if (state is null)
        {
            return new LabStatusReport(lab.Paths, null, false, false, false, agentPort, []);
        }

        var dockerAnswers = await lab.Docker.AnswersAsync(cancellationToken).ConfigureAwait(false);
        var containers = dockerAnswers
            ? await lab.Docker.ContainersAsync(lab.Names.LabelFilter, cancellationToken).ConfigureAwait(false)
            : [];
        var probes = state.Hosts.Select(async host =>
        {
            var container = containers.FirstOrDefault(c => c.Name == host.Container);
            var ssh = TcpProbe.SshAnswersAsync(host.Address, TimeSpan.FromSeconds(2), cancellationToken);
            var agent = TcpProbe.IsOpenAsync(host.Address, agentPort, TimeSpan.FromSeconds(2), cancellationToken);
            return new LabHostStatus(
                host.Name,
                host.Group,
                host.Address,
                host.Container,
                container?.State ?? (dockerAnswers ? "missing" : "unknown (dockerd does not answer)"),
                await ssh.ConfigureAwait(false),
                await agent.ConfigureAwait(false));
        });
        var hosts = await Task.WhenAll(probes).ConfigureAwait(false);
        var aptCacher = await lab.AptCacher.IsRunningAsync(cancellationToken).ConfigureAwait(false);
        return new LabStatusReport(lab.Paths, state, dockerAnswers, state.Dockerd is not null, aptCacher, agentPort, hosts);
    }
}
