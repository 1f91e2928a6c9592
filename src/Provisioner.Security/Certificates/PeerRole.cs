namespace Provisioner.Security.Certificates;

/// <summary>What a certificate entitles its holder to be: each side of a connection requires the other's role.</summary>
public enum PeerRole
{
    /// <summary>The controller: a TLS client that may start, watch and cancel runs.</summary>
    Controller,

    /// <summary>An agent on a managed host: the TLS server the controller connects to.</summary>
    Agent,
}
