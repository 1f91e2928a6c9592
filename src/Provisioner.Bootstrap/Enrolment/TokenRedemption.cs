namespace Provisioner.Bootstrap.Enrolment;

/// <summary>Whether an enrolment token was accepted; a refusal says why.</summary>
public sealed record TokenRedemption(bool Accepted, string? Refusal)
{
    public static readonly TokenRedemption Success = new(true, null);

    public static TokenRedemption Refused(string reason) => new(false, reason);
}
