namespace Provisioner.Agent.Facts;

/// <summary>The interface and gateway of a default route; the gateway is empty for an on-link route.</summary>
internal sealed record DefaultRoute(string Interface, string Gateway);
