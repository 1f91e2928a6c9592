using Provisioner.Security;
using Provisioner.Security.Authority;

namespace Provisioner.Cli.Commands.Ca;

/// <summary>Runs a <c>prov ca</c> action, turning the CA's expected failures into a message and an exit code.</summary>
internal static class CaErrors
{
    public static int Run(string command, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (CertificateRequestException ex)
        {
            Console.Error.WriteLine($"prov ca {command}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (SecurityFileException ex)
        {
            Console.Error.WriteLine($"prov ca {command}: {ex.Message}");
            return ExitCodes.Error;
        }
    }
}
