using Provisioner.Controller.Dispatch;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Inventory;
using Provisioner.Templating;

namespace Provisioner.Controller.Planning;

/// <summary>Where each host's agent is reached: the inventory <c>address</c> (a template is rendered with the host's variables) and <c>port</c>.</summary>
internal static class HostAddresses
{
    public static Dictionary<string, HostAddress> Resolve(IEnumerable<InventoryHost> hosts, TemplateEngine templates, List<Diagnostic> errors)
    {
        var result = new Dictionary<string, HostAddress>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            var address = host.Address;
            if (TemplateEngine.IsTemplate(address))
            {
                var scope = new VariableScope(engine: templates);
                foreach (var (name, value) in host.Vars)
                {
                    scope.Set(name, value);
                }

                foreach (var (name, value) in PlayVariables.HostMagic(host))
                {
                    scope.Set(name, value);
                }

                try
                {
                    address = Core.Data.PlainData.ToDisplayString(templates.RenderValue(address, scope, $"address of host '{host.Name}'"));
                }
                catch (TemplateException ex)
                {
                    errors.Add(Diagnostic.Error(host.Location, $"the address of host '{host.Name}' ('{host.Address}') cannot be rendered: {ex.Message}"));
                    continue;
                }
            }

            result[host.Name] = new HostAddress(host.Name, address, host.Port);
        }

        return result;
    }
}
