// Where the controller's CA keeps its files; the one place that knows the directory layout.
namespace Provisioner.Security.Authority;

/// <summary>
/// <code>
/// CA_DIR/                       0700; default ~/.local/share/prov/ca ($XDG_DATA_HOME/prov/ca, or STATE_DIR/ca)
///   ca.crt                      the CA certificate: every agent trusts exactly this
///   ca.key                      the CA private key, PKCS#8 PEM, 0600
///   controller.crt              the controller's client certificate (role controller)
///   controller.key              its private key, 0600
///   revoked.crl                 X.509 CRL signed by the CA; re-signed by every revocation; shipped to agents
///   issued/SERIAL.crt           every certificate the CA signed, for list and revoke
///   enrolment.json              one-time enrolment tokens (SHA-256 hashes only), 0600
///   ca.lock                     held while a command changes the revocation list or the tokens
/// </code>
/// </summary>
public sealed class CaLayout
{
    public CaLayout(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public string CaCertificate => Path.Combine(Directory, "ca.crt");

    public string CaKey => Path.Combine(Directory, "ca.key");

    public string ControllerCertificate => Path.Combine(Directory, "controller.crt");

    public string ControllerKey => Path.Combine(Directory, "controller.key");

    public string RevocationList => Path.Combine(Directory, "revoked.crl");

    public string IssuedDirectory => Path.Combine(Directory, "issued");

    public string LockFile => Path.Combine(Directory, "ca.lock");

    public string EnrolmentTokens => Path.Combine(Directory, "enrolment.json");

    public string IssuedCertificate(string serial) => Path.Combine(IssuedDirectory, serial + ".crt");

    /// <summary>
    /// The CA directory when none is given: STATE_DIR/ca with a state directory, else $XDG_DATA_HOME/prov/ca, else
    /// ~/.local/share/prov/ca.
    /// </summary>
    public static string DefaultDirectory(string? stateDirectory = null)
    {
        if (!string.IsNullOrEmpty(stateDirectory))
        {
            return Path.Combine(stateDirectory, "ca");
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome) || !Path.IsPathRooted(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "prov", "ca");
    }
}
