using Provisioner.Bootstrap.Enrolment;
using Provisioner.Bootstrap.Verification;
using Provisioner.Controller.Transport;
using Provisioner.Core.Diagnostics;
using Provisioner.Security.Authority;
using Serilog;
using Serilog.Events;

namespace Provisioner.Cli.Commands.Bootstrap;

/// <summary>The CA and the agent transport bootstrap uses: the one place they are wired.</summary>
internal sealed class BootstrapComposition : IDisposable
{
    private readonly Serilog.Core.Logger _log;
    private readonly AgentChannelFactory? _channels;

    private BootstrapComposition(IAgentCertificateAuthority authority, IAgentProbe probe, AgentChannelFactory? channels, Serilog.Core.Logger log)
    {
        Authority = authority;
        Probe = probe;
        _channels = channels;
        _log = log;
    }

    public IAgentCertificateAuthority Authority { get; }

    public IAgentProbe Probe { get; }

    /// <summary>
    /// Opens the CA (<c>--ca-dir</c>, else prov ca's default for the state directory). Installing needs it and fails
    /// here, before any host is touched, when there is none; uninstalling goes on without it (certificates then stay
    /// unrevoked, and each host says so).
    /// </summary>
    public static BootstrapComposition Create(string? caDirectory, string? stateDirectory, bool uninstall, TimeProvider time)
    {
        var directory = caDirectory ?? CaLayout.DefaultDirectory(stateDirectory);
        var log = new LoggerConfiguration().MinimumLevel.Is(LogEventLevel.Error)
            .WriteTo.Console(outputTemplate: "{Message:lj}{NewLine}", standardErrorFromLevel: LogEventLevel.Verbose).CreateLogger();
        try
        {
            var authority = CaAuthority.Open(directory, time);
            var channels = AgentChannelFactory.FromCa(new CaLayout(directory), time, log);
            return new BootstrapComposition(authority, new TransportAgentProbe(channels), channels, log);
        }
        catch (ProvisionerException ex) when (uninstall)
        {
            return new BootstrapComposition(new UnavailableAuthority(ex.Message), new UnavailableAgentProbe("not needed to uninstall"), null, log);
        }
        catch (ProvisionerException)
        {
            log.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        (Authority as IDisposable)?.Dispose();
        _channels?.Dispose();
        _log.Dispose();
    }
}
