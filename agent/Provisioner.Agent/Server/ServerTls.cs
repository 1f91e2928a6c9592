// The agent's TLS: TLS 1.3 only, HTTP/2 by ALPN, a client certificate required and judged by the PeerValidator.
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Provisioner.Security.Certificates;
using Provisioner.Security.Validation;

namespace Provisioner.Agent.Server;

internal sealed class ServerTls
{
    private readonly SslStreamCertificateContext _certificate;
    private readonly PeerValidator _validator;

    public ServerTls(X509Certificate2 certificate, PeerValidator validator)
    {
        _certificate = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
        _validator = validator;
    }

    public TlsHandshakeCallbackOptions HandshakeOptions => new() { OnConnection = OnConnection, HandshakeTimeout = TimeSpan.FromSeconds(10) };

    private ValueTask<SslServerAuthenticationOptions> OnConnection(TlsHandshakeCallbackContext context)
    {
        var connection = context.Connection;
        var audit = AuditOf(connection);
        if (audit is not null)
        {
            audit.HelloReceived = true;
            audit.Offered = context.ClientHelloInfo.SslProtocols;
        }

        var peer = connection.RemoteEndPoint?.ToString() ?? connection.ConnectionId;
        return ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _certificate,
            EnabledSslProtocols = SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            ClientCertificateRequired = true,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                var verdict = _validator.Validate(certificate, PeerRole.Controller, expectedHost: null, peer);
                if (audit is not null)
                {
                    audit.CertificateJudged = true;
                }

                return verdict.Accepted;
            },
        });
    }

    public static HandshakeAudit? AuditOf(ConnectionContext connection) =>
        connection.Items.TryGetValue(typeof(HandshakeAudit), out var audit) ? audit as HandshakeAudit : null;
}
