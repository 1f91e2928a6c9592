using System.Net;
using System.Net.Sockets;
using System.Text;
using Provisioner.Lab.Hosts;

namespace Provisioner.Lab.Tests.Hosts;

public sealed class TcpProbeTests
{
    [Test]
    public async Task ReadBannerAsync_ServerSendsSshBanner_ReturnsFirstLine()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2p1 Debian\r\nrest"));
            await Task.Delay(200);
        });

        var banner = await TcpProbe.ReadBannerAsync("127.0.0.1", port, TimeSpan.FromSeconds(5), CancellationToken.None);
        await server;

        Assert.That(banner, Is.EqualTo("SSH-2.0-OpenSSH_9.2p1 Debian"));
    }

    [Test]
    public async Task ReadBannerAsync_ServerSilent_ReturnsNullAfterTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var banner = await TcpProbe.ReadBannerAsync("127.0.0.1", port, TimeSpan.FromMilliseconds(300), CancellationToken.None);

        Assert.That(banner, Is.Null);
    }

    [Test]
    public async Task IsOpenAsync_ClosedPort_ReturnsFalse()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        Assert.That(await TcpProbe.IsOpenAsync("127.0.0.1", port, TimeSpan.FromSeconds(2), CancellationToken.None), Is.False);
    }
}
