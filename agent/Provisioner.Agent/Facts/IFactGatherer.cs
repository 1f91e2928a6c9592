namespace Provisioner.Agent.Facts;

/// <summary>Reads what the host is (OS, network, hardware, services) in process; changes nothing.</summary>
public interface IFactGatherer
{
    /// <summary>Facts as plain data: a map whose keys are listed in the agent README.</summary>
    Task<IReadOnlyDictionary<string, object?>> GatherAsync(CancellationToken ct);
}
