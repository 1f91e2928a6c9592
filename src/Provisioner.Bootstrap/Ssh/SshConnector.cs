using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;
using Provisioner.Bootstrap.Ssh.KnownHosts;

namespace Provisioner.Bootstrap.Ssh;

/// <summary>Opens SSH sessions whose host key was verified against known_hosts before anything is sent.</summary>
internal sealed class SshConnector
{
    private readonly SshOptions _options;
    private readonly SshCredentials _credentials;
    private readonly HostKeyVerifier _verifier;

    public SshConnector(SshOptions options, SshCredentials credentials)
    {
        _options = options;
        _credentials = credentials;
        _verifier = new HostKeyVerifier(new KnownHostsStore(options.KnownHostsFile, options.ReadOnlyKnownHostsFiles), options.AcceptNewHostKeys);
    }

    public async Task<IRemoteHost> ConnectAsync(SshTarget target, CancellationToken ct)
    {
        var client = new SshClient(NewConnectionInfo(target));
        await ConnectAsync(client, target, ct).ConfigureAwait(false);
        return new SshSession(target, client, token => OpenSftpAsync(target, token), _options.CommandTimeout);
    }

    private async Task<SftpClient> OpenSftpAsync(SshTarget target, CancellationToken ct)
    {
        var sftp = new SftpClient(NewConnectionInfo(target)) { OperationTimeout = _options.CommandTimeout };
        await ConnectAsync(sftp, target, ct).ConfigureAwait(false);
        return sftp;
    }

    private async Task ConnectAsync(BaseClient client, SshTarget target, CancellationToken ct)
    {
        HostKeyException? refusal = null;
        client.HostKeyReceived += (_, e) =>
        {
            refusal = _verifier.Verify(target, e.HostKey);
            e.CanTrust = refusal is null;
        };

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(_options.ConnectTimeout);
        try
        {
            await client.ConnectAsync(bounded.Token).ConfigureAwait(false);
            return;
        }
        catch (Exception) when (refusal is not null)
        {
            client.Dispose();
            throw refusal;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            client.Dispose();
            throw Unreachable(target, $"no SSH answer within {_options.ConnectTimeout.TotalSeconds:0} s");
        }
        catch (SshOperationTimeoutException)
        {
            client.Dispose();
            throw Unreachable(target, $"no SSH answer within {_options.ConnectTimeout.TotalSeconds:0} s");
        }
        catch (SocketException ex)
        {
            client.Dispose();
            throw Unreachable(target, ex.Message);
        }
        catch (SshAuthenticationException ex)
        {
            client.Dispose();
            throw new SshConnectionException(
                $"{target.Name}: the host refused our credentials for {target} ({ex.Message}); check the key (--key FILE, its public half in the user's ~/.ssh/authorized_keys), the user (inventory 'user'), or use --ask-pass",
                ex);
        }
        catch (Exception ex) when (ex is SshException or IOException or ProxyException)
        {
            client.Dispose();
            throw Unreachable(target, ex.Message);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SshConnectionException Unreachable(SshTarget target, string why) =>
        new($"{target.Name}: cannot connect to {target}: {why}; check the inventory's address/port and that sshd runs there");

    private ConnectionInfo NewConnectionInfo(SshTarget target)
    {
        var methods = new List<AuthenticationMethod>();
        if (_credentials.Keys.Count > 0)
        {
            methods.Add(new PrivateKeyAuthenticationMethod(target.User, [.. _credentials.Keys]));
        }

        if (_credentials.Password is { } password)
        {
            methods.Add(new PasswordAuthenticationMethod(target.User, password));
            var interactive = new KeyboardInteractiveAuthenticationMethod(target.User);
            interactive.AuthenticationPrompt += (_, e) =>
            {
                // Servers with PAM ask through keyboard-interactive; answer hidden prompts (the password) only.
                foreach (var prompt in e.Prompts.Where(p => !p.IsEchoed))
                {
                    prompt.Response = password;
                }
            };
            methods.Add(interactive);
        }

        var info = new ConnectionInfo(target.Address, target.Port, target.User, [.. methods]) { Timeout = _options.ConnectTimeout };
        PreferKnownKeyTypes(info, _verifier.Store.KnownTypes(target.Address, target.Port));
        return info;
    }

    /// <summary>
    /// As ssh does: offer first the host key algorithms of keys already known for this host, so that a host with several
    /// keys presents the one we can check. Host certificates are not offered: only plain keys are verified here.
    /// </summary>
    private static void PreferKnownKeyTypes(ConnectionInfo info, IReadOnlyList<string> knownTypes)
    {
        var algorithms = info.HostKeyAlgorithms;
        var all = algorithms.ToList();
        algorithms.Clear();
        var ordered = all
            .Where(a => !a.Key.Contains("-cert-", StringComparison.Ordinal))
            .OrderBy(a => knownTypes.Any(t => AlgorithmUsesKeyType(a.Key, t)) ? 0 : 1);
        foreach (var (name, factory) in ordered)
        {
            algorithms.Add(name, factory);
        }
    }

    private static bool AlgorithmUsesKeyType(string algorithm, string keyType) =>
        algorithm == keyType || (keyType == "ssh-rsa" && algorithm.StartsWith("rsa-sha2-", StringComparison.Ordinal));
}
