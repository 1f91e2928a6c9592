namespace Provisioner.Security.Enrolment;

/// <summary>One stored token: its hash (never the token), the host it is for, expiry and first use.</summary>
internal sealed class EnrolmentTokenEntry
{
    public string Hash { get; set; } = string.Empty;

    public string Host { get; set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
