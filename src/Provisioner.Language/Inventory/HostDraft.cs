using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Inventory;

/// <summary>A host while the inventory is being read; every group that lists it adds to the same draft.</summary>
internal sealed class HostDraft(string name, SourceLocation location)
{
    public string Name { get; } = name;

    public SourceLocation Location { get; } = location;

    /// <summary>Groups listing the host directly, in the order they did.</summary>
    public List<string> Groups { get; } = [];

    public VarsDraft Vars { get; } = new();
}
