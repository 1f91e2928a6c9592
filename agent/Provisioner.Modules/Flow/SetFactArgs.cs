namespace Provisioner.Modules.Flow;

/// <summary>set_fact: the variables to set.</summary>
internal sealed record SetFactArgs(IReadOnlyDictionary<string, object?> Vars);
