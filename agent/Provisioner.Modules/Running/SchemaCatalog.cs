using Provisioner.Core.Schema;

namespace Provisioner.Modules.Running;

/// <summary>Schemas by name and alias, without anything that runs them (for the controller and <c>prov doc</c>).</summary>
internal sealed class SchemaCatalog : IModuleSchemaCatalog
{
    private readonly Dictionary<string, ModuleSchema> _byName = new(StringComparer.Ordinal);

    public SchemaCatalog(IReadOnlyList<ModuleSchema> schemas)
    {
        All = schemas;
        foreach (var schema in schemas)
        {
            foreach (var name in schema.Aliases.Prepend(schema.Name))
            {
                if (!_byName.TryAdd(name, schema))
                {
                    throw new InvalidOperationException($"two modules are named `{name}`: {_byName[name].Name} and {schema.Name}");
                }
            }
        }
    }

    public IReadOnlyList<ModuleSchema> All { get; }

    public ModuleSchema? Find(string name) => _byName.GetValueOrDefault(name);
}
