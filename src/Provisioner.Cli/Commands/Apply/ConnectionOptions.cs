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

    public Option<string?> CaDir { get; } = new("--ca-dir")
    {
        Description = "With --connection agent: the CA directory holding the controller's certificate (default: STATE_DIR/ca)",
    };

    public IEnumerable<Option> All => [Inventory, Connection, AgentPath, StateDir, CaDir];

    public ConnectionChoice Choice(System.CommandLine.ParseResult parse, int verbosity = 0) =>
        new(parse.GetValue(Connection)!, Controller.History.StateDirectory.Resolve(parse.GetValue(StateDir)))
        {
            AgentPath = parse.GetValue(AgentPath),
            CaDirectory = parse.GetValue(CaDir),
            Verbosity = verbosity,
        };

    public ConnectionOptions()
    {
        Connection.AcceptOnlyFromAmong(Connections.Agent, Connections.Local);
    }
}
