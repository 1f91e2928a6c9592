using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Provisioner.Modules.Tests.Docker;

/// <summary>
/// A minimal HTTP/1.1 server on a unix socket, answering each request from a handler: stands in for the Docker
/// daemon so that the client's framing, paths, bodies and error handling run over a real socket.
/// </summary>
internal sealed class UnixHttpServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Request, Response> _handler;
    private readonly Task _accepting;

    public UnixHttpServer(string socketPath, Func<Request, Response> handler)
    {
        SocketPath = socketPath;
        _handler = handler;
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(8);
        _accepting = AcceptAsync();
    }

    public sealed record Request(string Method, string Target, string Body, IReadOnlyDictionary<string, string> Headers);

    public sealed record Response(int Status, string Body = "", string ContentType = "application/json");

    public string SocketPath { get; }

    public List<Request> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var connection = await _listener.AcceptAsync(_stop.Token);
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using var _ = connection;
        using var stream = new NetworkStream(connection);
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        try
        {
            while (true)
            {
                var request = await ReadRequestAsync(stream, buffer, chunk);
                if (request is null)
                {
                    return;
                }

                lock (Requests)
                {
                    Requests.Add(request);
                }

                var response = _handler(request);
                var body = Encoding.UTF8.GetBytes(response.Body);
                var head = $"HTTP/1.1 {response.Status} X\r\nContent-Type: {response.ContentType}\r\nContent-Length: {body.Length}\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(body).ToArray());
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client went away.
        }
    }

    private async Task<Request?> ReadRequestAsync(NetworkStream stream, List<byte> buffer, byte[] chunk)
    {
        int end;
        while ((end = IndexOf(buffer, "\r\n\r\n"u8.ToArray())) < 0)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }

        var head = Encoding.ASCII.GetString(buffer.GetRange(0, end).ToArray()).Split("\r\n");
        buffer.RemoveRange(0, end + 4);
        var headers = head.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = new List<byte>();
        if (headers.TryGetValue("content-length", out var length))
        {
            var wanted = int.Parse(length, CultureInfo.InvariantCulture);
            while (buffer.Count < wanted)
            {
                var read = await stream.ReadAsync(chunk, _stop.Token);
                if (read == 0)
                {
                    return null;
                }

                buffer.AddRange(chunk.AsSpan(0, read).ToArray());
            }

            body.AddRange(buffer.GetRange(0, wanted));
            buffer.RemoveRange(0, wanted);
        }
        else if (headers.GetValueOrDefault("transfer-encoding") == "chunked")
        {
            throw new IOException("chunked request bodies are not supported by this test server");
        }

        var requestLine = head[0].Split(' ');
        return new Request(requestLine[0], requestLine[1], Encoding.UTF8.GetString(body.ToArray()), headers);
    }

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Count; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++)
            {
                match = haystack[i + j] == needle[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
