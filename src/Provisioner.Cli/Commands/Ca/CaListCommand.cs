using System.CommandLine;
using Provisioner.Security.Authority;
using Provisioner.Security.Certificates;

namespace Provisioner.Cli.Commands.Ca;

/// <summary><c>prov ca list</c>: every certificate the CA issued, with serial, role, expiry and revocation.</summary>
internal static class CaListCommand
{
    public static Command Create()
    {
        var options = new CaOptions();
        var command = new Command("list", "List the certificates the CA has issued: serial, role, name, expiry, status");
        options.AddTo(command);
        command.SetAction(parse => CaErrors.Run("list", () =>
        {
            using var authority = CertificateAuthority.Open(options.Layout(parse), TimeProvider.System);
            var now = TimeProvider.System.GetUtcNow();
            var output = Console.Out;
            output.WriteLine($"{"SERIAL",-32}  {"ROLE",-10}  {"NAME",-30}  {"EXPIRES",-10}  STATUS");
            foreach (var issued in authority.List())
            {
                var role = issued.Identity.Role is { } r ? RoleMarkers.NameOf(r) : "-";
                var status = issued.RevokedAt is { } at ? $"revoked {at:yyyy-MM-dd}" : issued.IsExpiredAt(now) ? "expired" : "valid";
                output.WriteLine($"{issued.Serial,-32}  {role,-10}  {issued.Name,-30}  {issued.Identity.NotAfter:yyyy-MM-dd}  {status}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
