namespace Provisioner.Core.Schema;

/// <summary>Looks up module schemas by name or alias.</summary>
public interface IModuleSchemaCatalog
{
    IReadOnlyList<ModuleSchema> All { get; }

    /// <summary>The schema for a name or alias, or null.</summary>
    ModuleSchema? Find(string name);
}
