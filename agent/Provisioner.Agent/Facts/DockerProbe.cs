// Asks the Docker daemon's socket whether it answers: GET /_ping → "OK".
using System.Net.Sockets;
using System.Text;

namespace Provisioner.Agent.Facts;

internal static class DockerProbe
{
    public static async Task<bool> PingAsync(string socketPath, TimeSpan timeout, CancellationToken ct)
    {
        if (!File.Exists(socketPath))
        {
            return false;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cts.Token).ConfigureAwait(false);
            await socket.SendAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), SocketFlags.None, cts.Token).ConfigureAwait(false);
            var buffer = new byte[1024];
            var response = new StringBuilder();
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token).ConfigureAwait(false)) > 0 && response.Length < 8192)
            {
                response.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            var text = response.ToString();
            return text.StartsWith("HTTP/1.", StringComparison.Ordinal) && text.Contains(" 200 ", StringComparison.Ordinal)
                && text.EndsWith("OK", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            ct.ThrowIfCancellationRequested();
            return false;
        }
    }
}
