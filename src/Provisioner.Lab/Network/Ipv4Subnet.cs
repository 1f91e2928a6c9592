using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Provisioner.Lab.Network;

/// <summary>An IPv4 network in CIDR form; the lab places its gateway at .1 and hosts from .11 on.</summary>
public sealed record Ipv4Subnet(uint Network, int PrefixLength)
{
    public const int FirstHostOffset = 11;

    public uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);

    public uint Last => Network | ~Mask;

    public string Gateway => Format(Network + 1);

    /// <summary>How many lab hosts fit: from .11 up to the address before the broadcast address.</summary>
    public int HostCapacity => (int)Math.Max(0, Math.Min(Last - Network - FirstHostOffset, 240));

    public string HostAddress(int index) =>
        index >= 0 && index < HostCapacity
            ? Format(Network + FirstHostOffset + (uint)index)
            : throw new ArgumentOutOfRangeException(nameof(index), $"subnet {this} has room for {HostCapacity} hosts");

    public bool Overlaps(Ipv4Subnet other) => Network <= other.Last && other.Network <= Last;

    public bool IsPrivate =>
        Within(ToUInt(10, 0, 0, 0), 8) || Within(ToUInt(172, 16, 0, 0), 12) || Within(ToUInt(192, 168, 0, 0), 16);

    public override string ToString() => $"{Format(Network)}/{PrefixLength}";

    /// <summary>Parses "a.b.c.d/n" or a plain address (a /32); the address must be the network address.</summary>
    public static bool TryParse(string text, out Ipv4Subnet subnet, out string error)
    {
        subnet = new Ipv4Subnet(0, 0);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || address.AddressFamily != AddressFamily.InterNetwork || addressText.Count(c => c == '.') != 3)
        {
            error = $"'{text}' is not an IPv4 address";
            return false;
        }

        var prefix = 32;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > 32))
        {
            error = $"'{text}' has no valid prefix length (0-32)";
            return false;
        }

        var bytes = address.GetAddressBytes();
        var value = ToUInt(bytes[0], bytes[1], bytes[2], bytes[3]);
        var candidate = new Ipv4Subnet(value, prefix);
        if ((value & candidate.Mask) != value)
        {
            error = $"'{text}' is not a network address (did you mean {new Ipv4Subnet(value & candidate.Mask, prefix)}?)";
            return false;
        }

        subnet = candidate;
        error = string.Empty;
        return true;
    }

    public static Ipv4Subnet Parse(string text) =>
        TryParse(text, out var subnet, out var error) ? subnet : throw new FormatException(error);

    public static string Format(uint value) => $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";

    private bool Within(uint network, int prefix)
    {
        var mask = uint.MaxValue << (32 - prefix);
        return PrefixLength >= prefix && (Network & mask) == network;
    }

    private static uint ToUInt(int a, int b, int c, int d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | (uint)d;
}
