// A revocation list file that may be replaced while we run: re-read when it changes, never rolled back.
using System.Security.Cryptography.X509Certificates;
using Serilog;

namespace Provisioner.Security.Revocation;

/// <summary>
/// The CRL at a path, re-read whenever its modification time or size changes. A replacement that fails to verify, or
/// that is older (lower CRL number) than the list in force, is logged and ignored: the last good list stays in force.
/// The first load must succeed.
/// </summary>
public sealed class RevocationListFile : IRevocationSource
{
    private readonly string _path;
    private readonly X509Certificate2 _authority;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private RevocationList _current;
    private (DateTime Modified, long Length) _stamp;

    public RevocationListFile(string path, X509Certificate2 authority, ILogger log)
    {
        _path = path;
        _authority = authority;
        _log = log;
        _stamp = Stamp();
        _current = RevocationList.Load(path, authority);
    }

    public RevocationList Current
    {
        get
        {
            lock (_gate)
            {
                var stamp = Stamp();
                if (stamp == _stamp)
                {
                    return _current;
                }

                _stamp = stamp;
                try
                {
                    var next = RevocationList.Load(_path, _authority);
                    if (next.Number < _current.Number)
                    {
                        _log.Error("Ignored revocation list {Path}: its number {Number} is older than the one in force ({Current})",
                            _path, next.Number, _current.Number);
                    }
                    else
                    {
                        _current = next;
                        _log.Information("Loaded revocation list {Path}: number {Number}, {Count} revoked", _path, next.Number, next.Revoked.Count);
                    }
                }
                catch (SecurityFileException ex)
                {
                    _log.Error("Ignored revocation list {Path}, keeping the previous one: {Reason}", _path, ex.Message);
                }

                return _current;
            }
        }
    }

    private (DateTime, long) Stamp()
    {
        var info = new FileInfo(_path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }
}
