// Reading and writing PEM certificates and private keys; keys are created 0600 and never overwritten.
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Security.Certificates;

/// <summary>The one place certificate and key files are read and written.</summary>
public static class CredentialFiles
{
    public const UnixFileMode KeyMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PublicMode = KeyMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static X509Certificate2 LoadCertificate(string path)
    {
        var pem = ReadText(path, "certificate");
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new SecurityFileException(path, $"not a PEM certificate ({ex.Message})", ex);
        }
    }

    /// <summary>A certificate with its private key, for presenting in TLS. Refuses a key file others can read.</summary>
    public static X509Certificate2 LoadCertificateWithKey(string certificatePath, string keyPath)
    {
        using var certificate = LoadCertificate(certificatePath);
        using var key = LoadKey(keyPath);
        try
        {
            return certificate.CopyWithPrivateKey(key);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new SecurityFileException(keyPath, $"this key does not belong to the certificate {certificatePath} ({ex.Message})", ex);
        }
    }

    /// <summary>An ECDSA private key from a PKCS#8 PEM file that only its owner can read.</summary>
    public static ECDsa LoadKey(string path)
    {
        CheckPrivate(path);
        var pem = ReadText(path, "private key");
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new SecurityFileException(path, $"not a PEM ECDSA private key ({ex.Message})", ex);
        }
    }

    /// <summary>Writes a private key as PKCS#8 PEM, mode 0600; refuses to replace an existing file.</summary>
    public static void WriteKey(string path, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        WriteNew(path, key.ExportPkcs8PrivateKeyPem(), KeyMode);
    }

    /// <summary>Writes a certificate as PEM, mode 0644; refuses to replace an existing file.</summary>
    public static void WriteCertificate(string path, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        WriteNew(path, certificate.ExportCertificatePem(), PublicMode);
    }

    /// <summary>Creates <paramref name="path"/> exclusively with <paramref name="mode"/> set before any byte is written.</summary>
    public static void WriteNew(string path, string text, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NeedsUnix();
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode };
        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new SecurityFileException(path, "already exists; refusing to overwrite it (move it away first if you mean to replace it)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecurityFileException(path, $"cannot create: {ex.Message}", ex);
        }

        try
        {
            using (stream)
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                writer.Write('\n');
            }

            // The creation mode is filtered by the umask; set it exactly.
            File.SetUnixFileMode(path, mode);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecurityFileException(path, $"cannot write: {ex.Message}", ex);
        }
    }

    /// <summary>Replaces <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void Replace(string path, string text, UnixFileMode mode)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.Delete(temporary);
            WriteNew(temporary, text, mode);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new SecurityFileException(path, $"cannot replace: {ex.Message}", ex);
        }
    }

    /// <summary>Creates a directory (and parents) only its owner can enter, or tightens an existing one we own.</summary>
    public static void EnsurePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NeedsUnix();
        }

        try
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecurityFileException(path, $"cannot create directory: {ex.Message}", ex);
        }
    }

    private static void CheckPrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NeedsUnix();
        }

        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(path);
        }
        catch (FileNotFoundException ex)
        {
            throw new SecurityFileException(path, "private key file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecurityFileException(path, $"cannot read private key: {ex.Message}", ex);
        }

        if ((mode & GroupOrOther) != 0)
        {
            throw new SecurityFileException(path,
                $"private key is accessible to other users (mode {Convert.ToString((int)mode, 8)}); run: chmod 600 {path}");
        }
    }

    private static PlatformNotSupportedException NeedsUnix() =>
        new("prov keeps keys in files only their owner can read, which needs Unix file modes; run it on Linux");

    private static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SecurityFileException(path, $"{what} file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecurityFileException(path, $"cannot read {what}: {ex.Message}", ex);
        }
    }
}
