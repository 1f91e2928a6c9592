using Provisioner.Core.Diagnostics;

namespace Provisioner.Security;

/// <summary>A CA, certificate, key or revocation list file is missing, unreadable, malformed or unsafe.</summary>
public sealed class SecurityFileException : ProvisionerException
{
    public SecurityFileException(string path, string message)
        : base($"{path}: {message}")
    {
        Path = path;
    }

    public SecurityFileException(string path, string message, Exception innerException)
        : base($"{path}: {message}", innerException)
    {
        Path = path;
    }

    public string Path { get; }
}
