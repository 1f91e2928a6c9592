// Per-connection record of how far the TLS handshake got, so that refusals Kestrel only logs at debug level are logged with a reason.
namespace Provisioner.Agent.Server;

internal sealed class HandshakeAudit
{
    /// <summary>A TLS ClientHello arrived and the server options were chosen.</summary>
    public bool HelloReceived { get; set; }

    /// <summary>The TLS versions the ClientHello offered.</summary>
    public System.Security.Authentication.SslProtocols Offered { get; set; }

    /// <summary>The client certificate (or its absence) was judged by the PeerValidator, which logged any refusal.</summary>
    public bool CertificateJudged { get; set; }

    /// <summary>The handshake completed and the connection reached HTTP/2.</summary>
    public bool Established { get; set; }

    /// <summary>Why the connection was refused, when no refusal has been logged yet; null when nothing is left to say.</summary>
    public string? UnloggedRefusal() =>
        Established || CertificateJudged
            ? null
            : HelloReceived && (Offered & System.Security.Authentication.SslProtocols.Tls13) == 0
                ? $"the client offered {Offered}, not TLS 1.3 (this port accepts TLS 1.3 only)"
            : HelloReceived
                ? "TLS handshake failed before a client certificate was presented (this port accepts TLS 1.3 with HTTP/2 and a client certificate only)"
                : "no TLS ClientHello: a plaintext connection, an older TLS version or a closed probe (this port accepts TLS 1.3 with client certificates only)";
}
