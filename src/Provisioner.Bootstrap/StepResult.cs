namespace Provisioner.Bootstrap;

/// <summary>One bootstrap step on one host: whether it changed the host, and what it found or did.</summary>
public sealed record StepResult(string Name, bool Changed, string Detail)
{
    public static StepResult Ok(string name, string detail) => new(name, false, detail);

    public static StepResult Change(string name, string detail) => new(name, true, detail);
}
