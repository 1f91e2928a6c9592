using System.Text;

namespace Provisioner.Bootstrap.Ssh.KnownHosts;

/// <summary>
/// The known_hosts files used to verify host keys: one the user's (read, and appended to on trust-on-first-use),
/// plus read-only ones (the system-wide file). Files are re-read on every check so that keys appended by a
/// concurrent connection, or by another program, are seen.
/// </summary>
internal sealed class KnownHostsStore
{
    private readonly Lock _lock = new();
    private readonly IReadOnlyList<string> _readOnly;

    public KnownHostsStore(string path, IReadOnlyList<string>? readOnlyPaths = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        _readOnly = readOnlyPaths ?? [];
    }

    /// <summary>The file that is read and appended to.</summary>
    public string Path { get; }

    /// <summary>The name known_hosts uses for a host: <c>host</c> on port 22, else <c>[host]:port</c>.</summary>
    public static string LookupName(string address, int port) => port == 22 ? address : $"[{address}]:{port}";

    public HostKeyCheck Check(string address, int port, byte[] key)
    {
        lock (_lock)
        {
            return Evaluate(LookupName(address, port), key);
        }
    }

    /// <summary>Key types known for the host, so that the key exchange can prefer them (as ssh does).</summary>
    public IReadOnlyList<string> KnownTypes(string address, int port)
    {
        lock (_lock)
        {
            var name = LookupName(address, port);
            return ReadAll().Where(e => e.Marker == KnownHostMarker.None && e.Matches(name)).Select(e => e.KeyType).Distinct().ToList();
        }
    }

    /// <summary>
    /// Trust on first use: appends the key when the host is still unknown (checked again under the lock, so that two
    /// connections to one new host add one line). Returns the verdict before appending.
    /// </summary>
    public HostKeyCheck TrustIfUnknown(string address, int port, byte[] key)
    {
        lock (_lock)
        {
            var name = LookupName(address, port);
            var check = Evaluate(name, key);
            if (check.Status == HostKeyStatus.Unknown)
            {
                Append($"{name} {check.KeyType} {Convert.ToBase64String(key)}");
            }

            return check;
        }
    }

    private HostKeyCheck Evaluate(string name, byte[] key)
    {
        var type = SshKeyBlob.TypeOf(key) ?? "unknown";
        var fingerprint = SshKeyBlob.Fingerprint(key);
        var all = ReadAll();
        if (all.Any(e => e.Marker == KnownHostMarker.Revoked && e.HasKey(key)))
        {
            return new HostKeyCheck(HostKeyStatus.Revoked, name, type, fingerprint, all.Where(e => e.Marker == KnownHostMarker.Revoked && e.HasKey(key)).ToList());
        }

        var forHost = all.Where(e => e.Marker == KnownHostMarker.None && e.Matches(name)).ToList();
        var status = forHost switch
        {
            [] => HostKeyStatus.Unknown,
            _ when forHost.Any(e => e.HasKey(key)) => HostKeyStatus.Known,
            _ when forHost.Any(e => e.KeyType == type) => HostKeyStatus.Changed,
            _ => HostKeyStatus.OtherTypeKnown,
        };
        return new HostKeyCheck(status, name, type, fingerprint, forHost);
    }

    private List<KnownHostEntry> ReadAll()
    {
        var entries = new List<KnownHostEntry>();
        foreach (var file in _readOnly.Prepend(Path))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new HostKeyException($"cannot read the known hosts file {file}: {ex.Message}", ex);
            }

            entries.AddRange(KnownHostsParser.Parse(text, file));
        }

        return entries;
    }

    private void Append(string line)
    {
        try
        {
            var directory = System.IO.Path.GetDirectoryName(Path)!;
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                if (!Directory.Exists(directory))
                {
                    Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }

                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            else
            {
                Directory.CreateDirectory(directory);
            }

            var needsNewline = File.Exists(Path) && new FileInfo(Path).Length > 0 && !EndsWithNewline(Path);
            using var stream = new FileStream(Path, options);
            stream.Write(Encoding.ASCII.GetBytes((needsNewline ? "\n" : string.Empty) + line + "\n"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HostKeyException($"cannot add the host key to {Path}: {ex.Message}", ex);
        }
    }

    private static bool EndsWithNewline(string path)
    {
        using var stream = File.OpenRead(path);
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }
}
