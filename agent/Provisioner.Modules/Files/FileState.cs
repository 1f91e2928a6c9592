namespace Provisioner.Modules.Files;

/// <summary>The managed path (null when absent) and, with recurse, everything below it.</summary>
internal sealed record FileState(Observed? Found, IReadOnlyList<Observed> Below);
