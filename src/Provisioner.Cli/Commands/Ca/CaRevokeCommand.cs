using System.CommandLine;
using Provisioner.Security.Authority;

namespace Provisioner.Cli.Commands.Ca;

/// <summary><c>prov ca revoke HOST</c> / <c>--serial SERIAL</c>: revoke certificates and re-sign the revocation list.</summary>
internal static class CaRevokeCommand
{
    public static Command Create()
    {
        var options = new CaOptions();
        var name = new Argument<string?>("HOST") { Description = "Revoke every certificate issued for this name", Arity = ArgumentArity.ZeroOrOne };
        var serial = new Option<string?>("--serial") { Description = "Revoke only the certificate with this serial (hex, as prov ca list shows it)" };
        var command = new Command("revoke", "Revoke a host's (or the controller's) certificates; agents and the controller then refuse them") { name, serial };
        options.AddTo(command);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(name) is null) == (result.GetValue(serial) is null))
            {
                result.AddError("give either HOST or --serial SERIAL");
            }
        });
        command.SetAction(parse => CaErrors.Run("revoke", () =>
        {
            var layout = options.Layout(parse);
            using var authority = CertificateAuthority.Open(layout, TimeProvider.System);
            var revoked = parse.GetValue(serial) is { } s ? authority.RevokeSerial(s) : authority.RevokeName(parse.GetValue(name)!);
            if (revoked.Count == 0)
            {
                Console.Out.WriteLine("Nothing to do: those certificates were revoked already.");
                return ExitCodes.Ok;
            }

            foreach (var certificate in revoked)
            {
                Console.Out.WriteLine($"Revoked {certificate.Name} (serial {certificate.Serial})");
            }

            Console.Out.WriteLine($"The controller refuses them from now on. Copy {layout.RevocationList} to /etc/prov/revoked.crl on every agent;");
            Console.Out.WriteLine("an agent re-reads the file on its next connection, no restart needed.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
