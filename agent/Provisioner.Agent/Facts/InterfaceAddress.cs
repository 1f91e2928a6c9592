namespace Provisioner.Agent.Facts;

/// <summary>One address configured on an interface.</summary>
internal sealed record InterfaceAddress(string Interface, string Address, int PrefixLength, bool IsIpv6, bool IsLinkLocal);
