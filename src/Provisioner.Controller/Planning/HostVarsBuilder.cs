using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Templating;

namespace Provisioner.Controller.Planning;

/// <summary>
/// Builds <c>hostvars</c> on the controller, as plain data: for every inventory host its inventory variables, what the
/// inventory says about it (<c>inventory_hostname</c>, <c>group_names</c>) and its gathered facts (when it was
/// gathered). Templated values are rendered here, against that host's own variables and facts, because on another
/// host's agent they would render against the wrong host. A value that cannot be rendered on the controller (it needs
/// a registered result, say) is left out of <c>hostvars</c> with a warning.
/// </summary>
public sealed class HostVarsBuilder
{
    private readonly TemplateEngine _templates;

    public HostVarsBuilder(TemplateEngine? templates = null)
    {
        _templates = templates ?? new TemplateEngine();
    }

    public OrderedDictionary<string, object?> Build(
        Core.Inventory.Inventory inventory,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> facts,
        ICollection<Diagnostic> warnings)
    {
        var groups = inventory.GroupsVariable;
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(warnings);
        var hostvars = PlainData.NewMap();
        foreach (var host in inventory.Hosts)
        {
            var plain = PlayVariables.HostMagic(host);
            if (facts.TryGetValue(host.Name, out var hostFacts))
            {
                foreach (var (name, value) in FactNames.Variables(hostFacts))
                {
                    plain[name] = value;
                }
            }

            // Facts and magic values are data, never templates (a fact holding "{{" must not be rendered): a foreign
            // parent scope hands them over as they are, while inventory values above it render on lookup.
            var data = PlainData.CloneMap(plain);
            data["groups"] = groups;
            var scope = new VariableScope(new DataScope(data), _templates);
            foreach (var (name, value) in host.Vars)
            {
                scope.Set(name, value);
            }

            var entry = PlainData.NewMap();
            foreach (var name in host.Vars.Keys)
            {
                try
                {
                    scope.TryGet(name, out var value);
                    entry[name] = value;
                }
                catch (TemplateException ex)
                {
                    warnings.Add(Diagnostic.Warning(null, $"hostvars['{host.Name}'].{name} is left out: it cannot be rendered on the controller ({ex.Message})"));
                }
            }

            foreach (var (name, value) in plain)
            {
                entry[name] = value;
            }

            hostvars[host.Name] = entry;
        }

        return hostvars;
    }

    private sealed class DataScope(IReadOnlyDictionary<string, object?> values) : IVariableScope
    {
        public IEnumerable<string> Names => values.Keys;

        public bool TryGet(string name, out object? value) => values.TryGetValue(name, out value);
    }
}
