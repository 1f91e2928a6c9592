using Provisioner.Bootstrap.Install;
using Provisioner.Bootstrap.Ssh;

namespace Provisioner.Bootstrap;

/// <summary>One host to bootstrap: where and how to log in over SSH, and how its agent should listen.</summary>
public sealed record BootstrapHost(SshTarget Target, AgentSettings Agent, SshOptions Ssh, SshCredentials Credentials)
{
    public string Name => Target.Name;
}
