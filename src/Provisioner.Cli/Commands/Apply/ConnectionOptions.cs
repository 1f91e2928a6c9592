using System.CommandLine;

namespace Provisioner.Cli.Commands.Apply;

/// <summary>Options shared by the commands that contact hosts: inventory, connection, agent path, state directory.</summary>
internal sealed class ConnectionOptions
{
    public Option<string[]> Inventory { get; } = new("--inventory", "-i")
    {
        Description = "Inventory file or folder (repeatable)",
    };

    public Option<string> Connection { get; } = new("--connection", "-c")
    {
        Description = "How hosts are reached: 'agent' (the host's prov-agent over mTLS gRPC) or 'local' (this machine, through a local prov-agent process)",
        DefaultValueFactory = _ => Connections.Agent,
    };

    public Option<string?> AgentPath { get; } = new("--agent-path")
    {
        Description = "With --connection local: the prov-agent executable (default: $PROV_AGENT, beside prov, then PATH)",
    };

    public Option<string?> StateDir { get; } = new("--state-dir")
    {
        Description = "Where prov keeps run history and local agent state (default: ~/.local/share/prov)",
    };

    public IEnumerable<Option> All => [Inventory, Connection, AgentPath, StateDir];

    public ConnectionOptions()
    {
        Connection.AcceptOnlyFromAmong(Connections.Agent, Connections.Local);
    }
}
