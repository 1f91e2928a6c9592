// Builds and runs the agent's gRPC server: Kestrel on one TLS 1.3 HTTP/2 endpoint, nothing else.
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Provisioner.Agent.Facts;
using Provisioner.Agent.Runs;
using Provisioner.Security.Validation;

namespace Provisioner.Agent.Server;

internal static class AgentServer
{
    public static IHost Build(ServerConfig config, ServerTls tls, PeerValidator validator, RunCoordinator coordinator, IFactGatherer facts,
        AgentIdentity identity, Serilog.ILogger log)
    {
        // A bare generic host rather than WebApplication: no configuration sources (an appsettings.json watched for
        // changes would cost every agent an inotify instance, a per-user limit of 128 by default shared by every
        // container on a host), no environment variables read, no logging providers but ours, no developer exception
        // page. The agent reads its own config file only, and every feature left out is code the binary does not carry
        // and memory the idle agent does not hold.
        return new HostBuilder()
            .UseContentRoot("/")
            .ConfigureLogging(logging =>
            {
                logging.AddProvider(new SerilogLoggerProvider(log));
                logging.SetMinimumLevel(LogLevel.Warning);
            })
            .ConfigureWebHost(web => web
                .UseSetting(WebHostDefaults.ApplicationKey, "prov-agent")
                .UseKestrelCore()
                .ConfigureKestrel(kestrel =>
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
                })
                .ConfigureServices(services =>
                {
                    services.AddSingleton(coordinator);
                    services.AddSingleton(facts);
                    services.AddSingleton(identity);
                    services.AddSingleton(validator);
                    services.AddSingleton(log);
                    services.AddGrpc(grpc =>
                    {
                        grpc.MaxReceiveMessageSize = 256 * 1024 * 1024;
                        grpc.EnableDetailedErrors = false;
                    });
                })
                .Configure(app => app
                    .UseRouting()
                    .UseEndpoints(endpoints => endpoints.MapGrpcService<AgentService>())),
                options => options.SuppressEnvironmentConfiguration = true)
            .Build();
    }

    /// <summary>The addresses Kestrel actually bound (port 0 in the configuration becomes the port picked).</summary>
    public static IReadOnlyList<string> BoundAddresses(IHost app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
