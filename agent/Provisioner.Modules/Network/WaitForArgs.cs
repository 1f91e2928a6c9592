using System.Text.RegularExpressions;

namespace Provisioner.Modules.Network;

internal sealed record WaitForArgs(
    string Host,
    int? Port,
    string? Path,
    bool Present,
    Regex? SearchRegex,
    TimeSpan Timeout,
    TimeSpan Delay,
    TimeSpan Sleep,
    TimeSpan ConnectTimeout,
    string? Message);
