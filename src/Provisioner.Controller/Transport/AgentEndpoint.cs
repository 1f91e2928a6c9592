namespace Provisioner.Controller.Transport;

/// <summary>
/// Where a host's agent listens. <see cref="Host"/> is the inventory name, which the agent's certificate must carry;
/// <see cref="Address"/> is what the controller connects to (a name or an IP address).
/// </summary>
public sealed record AgentEndpoint(string Host, string Address, int Port = AgentEndpoint.DefaultPort)
{
    public const int DefaultPort = 7443;

    public Uri Uri => new UriBuilder(Uri.UriSchemeHttps, Address, Port).Uri;

    public override string ToString() => Host == Address ? $"{Host}:{Port}" : $"{Host} ({Address}:{Port})";
}
