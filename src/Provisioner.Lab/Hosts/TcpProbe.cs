using System.Net.Sockets;
using System.Text;

namespace Provisioner.Lab.Hosts;

/// <summary>Cheap reachability checks against lab hosts: is a port open, and does sshd send its banner.</summary>
internal static class TcpProbe
{
    public static async Task<bool> IsOpenAsync(string address, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address, port, deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first line the server sends (sshd: "SSH-2.0-OpenSSH_..."), or null when it does not answer in time.</summary>
    public static async Task<string?> ReadBannerAsync(string address, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address, port, deadline.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            var buffer = new byte[256];
            var length = 0;
            while (length < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(length), deadline.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (Array.IndexOf(buffer, (byte)'\n', 0, length) >= 0)
                {
                    break;
                }
            }

            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var line = text.Split('\n')[0].TrimEnd('\r');
            return line.Length == 0 ? null : line;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return null;
        }
    }

    public static async Task<bool> SshAnswersAsync(string address, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await ReadBannerAsync(address, 22, timeout, cancellationToken).ConfigureAwait(false))?.StartsWith("SSH-", StringComparison.Ordinal) == true;
}
