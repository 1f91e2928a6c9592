using Provisioner.Security;
using Provisioner.Security.Authority;
using Provisioner.Security.Certificates;

namespace Provisioner.Cli.Commands.Ca;

/// <summary>The files an agent is installed with, written together into one directory.</summary>
internal sealed class AgentFiles
{
    public static readonly string[] Names = ["agent.crt", "agent.key", "ca.crt", "revoked.crl", "agent.json"];

    // Paths relative to the configuration file, so the directory can be copied anywhere (normally /etc/prov).
    private const string Config = """
        {
          "listen": "0.0.0.0",
          "port": 7443,
          "ca_certificate": "ca.crt",
          "certificate": "agent.crt",
          "key": "agent.key",
          "revocation_list": "revoked.crl",
          "state_dir": "/var/lib/prov-agent"
        }
        """;

    private readonly string _directory;

    public AgentFiles(string directory)
    {
        _directory = directory;
    }

    /// <summary>Refuses before anything is issued when the directory already holds an agent's files.</summary>
    public void CheckFree()
    {
        foreach (var name in Names)
        {
            var path = Path.Combine(_directory, name);
            if (File.Exists(path))
            {
                throw new SecurityFileException(path, "already exists; refusing to overwrite an agent's files (choose another --out)");
            }
        }
    }

    public void Write(IssuedCredential issued, CaLayout layout)
    {
        CredentialFiles.EnsurePrivateDirectory(_directory);
        issued.Save(Path.Combine(_directory, "agent.crt"), Path.Combine(_directory, "agent.key"));
        CredentialFiles.WriteNew(Path.Combine(_directory, "ca.crt"), File.ReadAllText(layout.CaCertificate).TrimEnd(), CredentialFiles.PublicMode);
        CredentialFiles.WriteNew(Path.Combine(_directory, "revoked.crl"), File.ReadAllText(layout.RevocationList).TrimEnd(), CredentialFiles.PublicMode);
        CredentialFiles.WriteNew(Path.Combine(_directory, "agent.json"), Config, CredentialFiles.PublicMode);
    }
}
