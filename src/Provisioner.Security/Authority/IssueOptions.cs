using System.Net;

namespace Provisioner.Security.Authority;

/// <summary>How a certificate is issued: extra IP SANs and validity. Defaults: valid from 5 minutes ago for 2 years.</summary>
public sealed record IssueOptions
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(730);

    /// <summary>Addresses written as IP SANs (an agent's address(es) as the controller reaches it).</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = [];

    public TimeSpan Lifetime { get; init; } = DefaultLifetime;

    /// <summary>Start of validity; null = now minus 5 minutes (tolerates small clock differences between hosts).</summary>
    public DateTimeOffset? NotBefore { get; init; }
}
