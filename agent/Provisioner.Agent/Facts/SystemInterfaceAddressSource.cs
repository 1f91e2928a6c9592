// Interface addresses from the OS (getifaddrs behind System.Net.NetworkInformation).
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Provisioner.Agent.Facts;

internal sealed class SystemInterfaceAddressSource : IInterfaceAddressSource
{
    public IReadOnlyList<InterfaceAddress> GetAddresses()
    {
        var result = new List<InterfaceAddress>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var address = unicast.Address;
                if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
                {
                    continue;
                }

                var ipv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
                // Link-local IPv6 addresses carry a "%scope" suffix that no template wants.
                var text = ipv6 ? new System.Net.IPAddress(address.GetAddressBytes()).ToString() : address.ToString();
                result.Add(new InterfaceAddress(nic.Name, text, unicast.PrefixLength, ipv6, ipv6 && address.IsIPv6LinkLocal));
            }
        }

        return result;
    }
}
