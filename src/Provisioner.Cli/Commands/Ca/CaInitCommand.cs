using System.CommandLine;
using Provisioner.Security.Authority;

namespace Provisioner.Cli.Commands.Ca;

/// <summary><c>prov ca init</c>: create the CA and the controller's client certificate.</summary>
internal static class CaInitCommand
{
    public static Command Create()
    {
        var options = new CaOptions();
        var name = new Option<string>("--name")
        {
            Description = "Name in the controller's certificate",
            DefaultValueFactory = _ => "prov-controller",
        };
        var command = new Command("init", "Create the CA (ECDSA P-256) and this controller's client certificate; never overwrites an existing CA") { name };
        options.AddTo(command);
        command.SetAction(parse => CaErrors.Run("init", () =>
        {
            var layout = options.Layout(parse);
            using var authority = CertificateAuthority.Init(layout, parse.GetValue(name)!, TimeProvider.System);
            var output = Console.Out;
            output.WriteLine($"Created CA '{authority.Certificate.Subject}' in {layout.Directory}");
            output.WriteLine($"  {layout.CaCertificate,-40} CA certificate: install on every agent as /etc/prov/ca.crt");
            output.WriteLine($"  {layout.CaKey,-40} CA key (0600): never leaves this directory");
            output.WriteLine($"  {layout.ControllerCertificate,-40} this controller's client certificate (key: controller.key, 0600)");
            output.WriteLine($"  {layout.RevocationList,-40} revocation list: install on every agent as /etc/prov/revoked.crl");
            output.WriteLine($"Next: prov ca issue HOST --address IP [--dir {layout.Directory}]");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
