// gRPC channels to agents over TLS 1.3, presenting the controller's certificate and checking each agent's.
using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Provisioner.Security.Authority;
using Provisioner.Security.Certificates;
using Provisioner.Security.Revocation;
using Provisioner.Security.Validation;
using Serilog;

namespace Provisioner.Controller.Transport;

/// <summary>
/// Creates (and caches) one <see cref="GrpcChannel"/> per agent endpoint, each on its own long-lived
/// <see cref="SocketsHttpHandler"/>: TLS 1.3 only, the controller's client certificate always presented, the agent's
/// server certificate judged by <see cref="PeerValidator"/> (our CA only, role agent, a SAN naming the inventory host,
/// not expired, not revoked). Dispose it once at the end of a command; it owns the client certificate it was given.
/// </summary>
public sealed class AgentChannelFactory : IDisposable
{
    private readonly X509Certificate2 _clientCertificate;
    private readonly SslStreamCertificateContext _clientContext;
    private readonly PeerValidator _validator;
    private readonly AgentChannelOptions _options;
    private readonly ConcurrentDictionary<AgentEndpoint, Lazy<GrpcChannel>> _channels = new();
    private readonly ConcurrentDictionary<AgentEndpoint, string> _refusals = new();
    private readonly ILogger _log;
    private readonly TimeProvider _time;

    public AgentChannelFactory(X509Certificate2 clientCertificate, PeerValidator validator, TimeProvider time, ILogger log, AgentChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clientCertificate);
        if (!clientCertificate.HasPrivateKey)
        {
            throw new ArgumentException("the controller certificate has no private key", nameof(clientCertificate));
        }

        _clientCertificate = clientCertificate;
        _clientContext = SslStreamCertificateContext.Create(clientCertificate, additionalCertificates: null, offline: true);
        _validator = validator;
        _time = time;
        _log = log;
        _options = options ?? new AgentChannelOptions();
    }

    /// <summary>
    /// The factory for the CA in <paramref name="layout"/>: its controller certificate and key, its CA certificate,
    /// and its revocation list (re-read when it changes).
    /// </summary>
    public static AgentChannelFactory FromCa(CaLayout layout, TimeProvider time, ILogger log, AgentChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var authority = CredentialFiles.LoadCertificate(layout.CaCertificate);
        var certificate = CredentialFiles.LoadCertificateWithKey(layout.ControllerCertificate, layout.ControllerKey);
        var validator = new PeerValidator(authority, new RevocationListFile(layout.RevocationList, authority, log), time, log);
        return new AgentChannelFactory(certificate, validator, time, log, options);
    }

    /// <summary>The channel to <paramref name="endpoint"/>, created on first use and reused afterwards.</summary>
    public GrpcChannel GetChannel(AgentEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return _channels.GetOrAdd(endpoint, e => new Lazy<GrpcChannel>(() => CreateChannel(e))).Value;
    }

    /// <summary>A typed client for <paramref name="endpoint"/> on its shared channel.</summary>
    public AgentClient CreateClient(AgentEndpoint endpoint, AgentClientOptions? options = null) =>
        new(endpoint, GetChannel(endpoint), this, options ?? new AgentClientOptions(), _time, _log);

    /// <summary>Why the last TLS handshake with <paramref name="endpoint"/> refused the agent's certificate, if it did.</summary>
    internal string? LastRefusal(AgentEndpoint endpoint) => _refusals.TryGetValue(endpoint, out var reason) ? reason : null;

    /// <summary>Forgets an earlier refusal before a new attempt, so that a later failure is not blamed on it.</summary>
    internal void ForgetRefusal(AgentEndpoint endpoint) => _refusals.TryRemove(endpoint, out _);

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated))
        {
            channel.Value.Dispose();
        }

        _channels.Clear();
        _clientCertificate.Dispose();
    }

    private GrpcChannel CreateChannel(AgentEndpoint endpoint)
    {
        var peer = $"agent {endpoint}";
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = _options.ConnectTimeout,
            KeepAlivePingDelay = _options.KeepAlivePingDelay,
            KeepAlivePingTimeout = _options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            EnableMultipleHttp2Connections = true,
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                ClientCertificateContext = _clientContext,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                // The system's verdict (public roots, name = connect address) is irrelevant: only our CA and the inventory name count.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    var verdict = _validator.Validate(certificate, PeerRole.Agent, endpoint.Host, peer);
                    if (verdict.Accepted)
                    {
                        _refusals.TryRemove(endpoint, out _);
                    }
                    else
                    {
                        _refusals[endpoint] = verdict.RefusalReason!;
                    }

                    return verdict.Accepted;
                },
            },
        };
        return GrpcChannel.ForAddress(endpoint.Uri, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = _options.MaxReceiveMessageSize,
            MaxSendMessageSize = _options.MaxSendMessageSize,
        });
    }
}
