using Provisioner.Controller.Dispatch;
using Provisioner.Controller.Local;
using Provisioner.Controller.Remote;
using Provisioner.Security;
using Provisioner.Security.Authority;
using Serilog;
using Serilog.Events;

namespace Provisioner.Cli.Commands.Apply;

/// <summary>The connector behind <c>--connection</c>, and what it owns (closed when the command ends).</summary>
internal sealed class Connections : IDisposable
{
    public const string Agent = "agent";
    public const string Local = "local";

    private readonly IDisposable[] _owned;

    private Connections(IAgentConnector connector, params IDisposable[] owned)
    {
        Connector = connector;
        _owned = owned;
    }

    public IAgentConnector Connector { get; }

    /// <summary>The connector, or null with <paramref name="error"/> saying why there is none.</summary>
    public static Connections? Create(ConnectionChoice choice, out string? error)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (choice.Connection == Local)
        {
            var agent = LocalAgentConnector.Locate(choice.AgentPath, Environment.GetEnvironmentVariable("PROV_AGENT"), AppContext.BaseDirectory,
                Environment.GetEnvironmentVariable("PATH"));
            if (agent is null)
            {
                error = choice.AgentPath is not null
                    ? $"--agent-path '{choice.AgentPath}' does not exist"
                    : "--connection local needs prov-agent: put it beside prov or on PATH, or name it with --agent-path or PROV_AGENT";
                return null;
            }

            error = null;
            return new Connections(new LocalAgentConnector(agent, choice.StateDirectory));
        }

        var layout = new CaLayout(choice.CaDirectory ?? CaLayout.DefaultDirectory(choice.StateDirectory));
        if (!File.Exists(layout.ControllerCertificate))
        {
            error = $"no controller certificate in {layout.Directory}: create the CA with `prov ca init` and enrol the agents with "
                + "`prov bootstrap` (or name the CA with --ca-dir); --connection local runs the plans on this machine instead";
            return null;
        }

        var log = new LoggerConfiguration()
            .MinimumLevel.Is(choice.Verbosity > 2 ? LogEventLevel.Debug : LogEventLevel.Warning)
            .WriteTo.Console(outputTemplate: "prov: {Level:u3}: {Message:lj}{NewLine}", standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
        try
        {
            var connector = GrpcAgentConnector.FromCa(layout, TimeProvider.System, log);
            error = null;
            return new Connections(connector, connector, log);
        }
        catch (SecurityFileException ex)
        {
            log.Dispose();
            error = $"cannot use the CA in {layout.Directory}: {ex.Message}";
            return null;
        }
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
