using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Provisioner.Bootstrap.Tests.Fixtures;

/// <summary>
/// A real OpenSSH server on a free loopback port, with its own host key, configuration and authorized key, in a
/// temporary directory. Root logs in with the generated client key; <see cref="PasswordAuthentication"/> can be
/// switched on (root's password is not changed, so a password login can only fail).
/// </summary>
internal sealed class SshServer : IAsyncDisposable
{
    public const string Sshd = "/usr/sbin/sshd";

    private Process? _process;

    private SshServer(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public int Port { get; private set; }

    public string HostKeyFile => Path.Combine(Directory, "ssh_host_ed25519_key");

    public string ClientKeyFile => Path.Combine(Directory, "client_key");

    /// <summary>A key whose public half is NOT authorized.</summary>
    public string StrangerKeyFile => Path.Combine(Directory, "stranger_key");

    public string LogFile => Path.Combine(Directory, "sshd.log");

    /// <summary>The host's public key line (type and base64), as known_hosts holds it.</summary>
    public string PublicHostKey => File.ReadAllText(HostKeyFile + ".pub").Trim().Split(' ') is [var type, var key, ..] ? $"{type} {key}" : throw new InvalidOperationException();

    public static async Task<SshServer> StartAsync(bool passwordAuthentication = false)
    {
        if (!File.Exists(Sshd))
        {
            Assert.Ignore($"{Sshd} is missing: install it with 'apt-get install openssh-server'");
        }

        var server = new SshServer(System.IO.Directory.CreateTempSubdirectory("prov-sshd-").FullName);
        await TestProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "prov-test-host", "-f", server.HostKeyFile);
        await TestProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "prov-test-client", "-f", server.ClientKeyFile);
        await TestProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "prov-test-stranger", "-f", server.StrangerKeyFile);
        File.Copy(server.ClientKeyFile + ".pub", Path.Combine(server.Directory, "authorized_keys"));
        server.Port = FreePort();
        var sftp = new[] { "/usr/lib/openssh/sftp-server", "/usr/libexec/openssh/sftp-server" }.FirstOrDefault(File.Exists) ?? "internal-sftp";
        var config = Path.Combine(server.Directory, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {server.Port}
            ListenAddress 127.0.0.1
            HostKey {server.HostKeyFile}
            PidFile {Path.Combine(server.Directory, "sshd.pid")}
            AuthorizedKeysFile {Path.Combine(server.Directory, "authorized_keys")}
            StrictModes no
            UsePAM no
            PermitRootLogin yes
            PubkeyAuthentication yes
            PasswordAuthentication {(passwordAuthentication ? "yes" : "no")}
            KbdInteractiveAuthentication no
            Subsystem sftp {sftp}
            LogLevel VERBOSE

            """);

        // sshd refuses to start without its privilege separation directory.
        System.IO.Directory.CreateDirectory("/run/sshd");
        var info = new ProcessStartInfo(Sshd) { UseShellExecute = false, RedirectStandardError = false };
        foreach (var arg in new[] { "-D", "-f", config, "-E", server.LogFile })
        {
            info.ArgumentList.Add(arg);
        }

        server._process = Process.Start(info);
        await server.WaitUntilListeningAsync();
        return server;
    }

    /// <summary>A known_hosts file that knows this server (or, with <paramref name="publicKey"/>, claims that key for it).</summary>
    public string WriteKnownHosts(string? publicKey = null, string? path = null)
    {
        path ??= Path.Combine(Directory, $"known_hosts-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"[127.0.0.1]:{Port} {publicKey ?? PublicHostKey}\n");
        return path;
    }

    public string EmptyKnownHostsPath() => Path.Combine(Directory, $"known_hosts-{Guid.NewGuid():N}");

    /// <summary>Kills every session process of this server: each client's connection breaks, the server stays up.</summary>
    public void DropConnections()
    {
        var sshd = _process?.Id ?? throw new InvalidOperationException("the server is not running");
        foreach (var stat in System.IO.Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            try
            {
                var fields = File.ReadAllText(stat).Split(')').Last().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == sshd)
                {
                    Process.GetProcessById(int.Parse(Path.GetFileName(Path.GetDirectoryName(stat)!), System.Globalization.CultureInfo.InvariantCulture)).Kill(entireProcessTree: true);
                }
            }
            catch (Exception e) when (e is IOException or FormatException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
            {
                // Not a process directory, or the process ended meanwhile.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up: a still-running child may hold a file.
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"sshd exited ({_process.ExitCode}): {ReadLog()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"sshd did not listen on port {Port}: {ReadLog()}");
    }

    public string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log)";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
