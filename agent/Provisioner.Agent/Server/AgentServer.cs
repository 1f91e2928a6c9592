// Builds and runs the agent's gRPC server: Kestrel on one TLS 1.3 HTTP/2 endpoint, nothing else.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.Agent.Facts;
using Provisioner.Agent.Runs;
using Provisioner.Security.Validation;

namespace Provisioner.Agent.Server;

internal static class AgentServer
{
    public static WebApplication Build(ServerConfig config, ServerTls tls, PeerValidator validator, RunCoordinator coordinator, IFactGatherer facts,
        AgentIdentity identity, Serilog.ILogger log)
    {
        // The agent reads its own config file only: no appsettings.json watched for changes, which would cost every
        // agent an inotify instance (a per-user limit of 128 by default, shared by every container on a host).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ApplicationName = "prov-agent",
            ContentRootPath = "/",
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new SerilogLoggerProvider(log));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 256 * 1024 * 1024;
            kestrel.Listen(config.ListenAddress, config.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                // Outermost: notes refusals that happen before the certificate is judged (plaintext, old TLS).
                listen.Use(next => async connection =>
                {
                    var audit = new HandshakeAudit();
                    connection.Items[typeof(HandshakeAudit)] = audit;
                    await next(connection).ConfigureAwait(false);
                    if (audit.UnloggedRefusal() is { } reason)
                    {
                        log.Warning("Refused {Peer}: {Reason}", connection.RemoteEndPoint?.ToString() ?? connection.ConnectionId, reason);
                    }
                });
                listen.UseHttps(tls.HandshakeOptions);
                listen.Use(next => connection =>
                {
                    if (ServerTls.AuditOf(connection) is { } audit)
                    {
                        audit.Established = true;
                    }

                    return next(connection);
                });
            });
        });

        builder.Services.AddSingleton(coordinator);
        builder.Services.AddSingleton(facts);
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(validator);
        builder.Services.AddSingleton(log);
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = 256 * 1024 * 1024;
            grpc.EnableDetailedErrors = false;
        });

        var app = builder.Build();
        app.MapGrpcService<AgentService>();
        return app;
    }

    /// <summary>The addresses Kestrel actually bound (port 0 in the configuration becomes the port picked).</summary>
    public static IReadOnlyList<string> BoundAddresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
