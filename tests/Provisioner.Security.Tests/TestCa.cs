using Microsoft.Extensions.Time.Testing;
using Provisioner.Security.Authority;

namespace Provisioner.Security.Tests;

/// <summary>A fresh CA in a temporary directory, on a fake clock; removed on dispose.</summary>
internal sealed class TestCa : IDisposable
{
    public TestCa(string controllerName = "prov-controller")
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "prov-security-tests", Guid.NewGuid().ToString("N"));
        Time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Layout = new CaLayout(System.IO.Path.Combine(Root, "ca"));
        Authority = CertificateAuthority.Init(Layout, controllerName, Time);
    }

    public string Root { get; }

    public FakeTimeProvider Time { get; }

    public CaLayout Layout { get; }

    public CertificateAuthority Authority { get; }

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public void Dispose()
    {
        Authority.Dispose();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
