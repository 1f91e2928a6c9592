namespace Provisioner.Controller.Dispatch;

/// <summary>One host's facts, or why there are none (<see cref="Unreachable"/> tells a connection problem from an agent error).</summary>
public sealed record HostFacts(string Host, IReadOnlyDictionary<string, object?>? Facts)
{
    public string? Error { get; init; }

    public bool Unreachable { get; init; }
}
