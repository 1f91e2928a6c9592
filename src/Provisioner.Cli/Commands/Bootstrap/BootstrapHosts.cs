using System.Globalization;
using Provisioner.Bootstrap;
using Provisioner.Bootstrap.Install;
using Provisioner.Bootstrap.Ssh;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Inventory;
using Provisioner.Templating;

namespace Provisioner.Cli.Commands.Bootstrap;

/// <summary>
/// Turns inventory hosts into bootstrap targets. Login: <c>address</c>/<c>port</c>/<c>user</c> (or their ansible_
/// spellings; templates rendered with the host's variables), user root when unset. Key: <c>--key</c>, else the
/// host's <c>ssh_private_key_file</c> (or <c>ansible_ssh_private_key_file</c>), else ~/.ssh/id_ed25519, id_ecdsa,
/// id_rsa. known_hosts: <c>--known-hosts</c>, else the host's <c>ssh_known_hosts_file</c>, else ~/.ssh/known_hosts
/// (with /etc/ssh/ssh_known_hosts read too). Agent: <c>agent_listen</c> (default 0.0.0.0), <c>agent_port</c> (7443).
/// </summary>
internal sealed class BootstrapHosts
{
    private const string GlobalKnownHosts = "/etc/ssh/ssh_known_hosts";

    private readonly BootstrapRequest _request;
    private readonly KeyRing _keys = new();
    private readonly TemplateEngine _templates = new();
    private readonly List<Diagnostic> _errors = [];
    private readonly string? _password;

    public BootstrapHosts(BootstrapRequest request, string? password)
    {
        _request = request;
        _password = password;
    }

    public IReadOnlyList<BootstrapHost> From(IReadOnlyList<InventoryHost> hosts)
    {
        var result = hosts.Select(Map).OfType<BootstrapHost>().ToList();
        return _errors.Count == 0 ? result : throw new InvalidInputException(_errors);
    }

    private BootstrapHost? Map(InventoryHost host)
    {
        var address = Render(host, "address", host.Address);
        var user = host.User is null ? "root" : Render(host, "user", host.User);
        var listen = Text(host, "agent_listen") ?? AgentSettings.DefaultListen;
        if (!System.Net.IPAddress.TryParse(listen, out _))
        {
            _errors.Add(Diagnostic.Error(host.Location, $"agent_listen of host '{host.Name}' must be an IP address (0.0.0.0 for all), not '{listen}'"));
        }

        var agentPort = Port(host, "agent_port") ?? AgentSettings.DefaultPort;
        if (address is null || user is null)
        {
            return null;
        }

        var knownHosts = _request.KnownHosts ?? Text(host, "ssh_known_hosts_file");
        var ssh = new SshOptions
        {
            KnownHostsFile = knownHosts is null ? SshOptions.DefaultKnownHostsFile() : Path.GetFullPath(knownHosts),
            ReadOnlyKnownHostsFiles = knownHosts is null ? [GlobalKnownHosts] : [],
            AcceptNewHostKeys = _request.AcceptNewHostKeys,
            ConnectTimeout = TimeSpan.FromSeconds(_request.ConnectTimeoutSeconds),
            CommandTimeout = TimeSpan.FromSeconds(_request.CommandTimeoutSeconds),
        };

        var keyFile = _request.KeyFile ?? Text(host, "ssh_private_key_file") ?? Text(host, "ansible_ssh_private_key_file");
        var keyFiles = keyFile is null ? SshKeys.DefaultKeyFiles() : [keyFile];
        var credentials = new SshCredentials(keyFiles.Select(_keys.Load).ToList(), _password);
        return new BootstrapHost(new SshTarget(host.Name, address, host.Port ?? 22, user), new AgentSettings(listen, agentPort), ssh, credentials);
    }

    private string? Render(InventoryHost host, string what, string text)
    {
        if (!TemplateEngine.IsTemplate(text))
        {
            return text;
        }

        var scope = new VariableScope(engine: _templates);
        foreach (var (name, value) in host.Vars)
        {
            scope.Set(name, value);
        }

        scope.Set("inventory_hostname", host.Name);
        try
        {
            return Core.Data.PlainData.ToDisplayString(_templates.RenderValue(text, scope, $"{what} of host '{host.Name}'"));
        }
        catch (TemplateException ex)
        {
            _errors.Add(Diagnostic.Error(host.Location, $"the {what} of host '{host.Name}' ('{text}') cannot be rendered: {ex.Message}"));
            return null;
        }
    }

    private static string? Text(InventoryHost host, string name) =>
        host.Vars.TryGetValue(name, out var value) && value is string { Length: > 0 } text ? text : null;

    private int? Port(InventoryHost host, string name)
    {
        if (!host.Vars.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        int? port = value switch
        {
            long l when l is >= 1 and <= 65535 => (int)l,
            string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535 => p,
            _ => null,
        };
        if (port is null)
        {
            _errors.Add(Diagnostic.Error(host.Location, $"{name} of host '{host.Name}' must be a port number from 1 to 65535"));
        }

        return port;
    }
}
