namespace Provisioner.Agent.Facts;

/// <summary>Addresses of the host's interfaces; a seam so that fact gathering can be tested against a scratch root.</summary>
internal interface IInterfaceAddressSource
{
    IReadOnlyList<InterfaceAddress> GetAddresses();
}
