using Provisioner.Bootstrap.Enrolment;
using Provisioner.Security.Authority;

namespace Provisioner.Bootstrap.Tests.Fixtures;

/// <summary>A real prov CA (as <c>prov ca init</c> makes it) in a fresh directory, opened for enrolment.</summary>
internal static class TestCa
{
    public static string Init(string parent, TimeProvider time)
    {
        var directory = Path.Combine(parent, $"ca-{Guid.NewGuid():N}");
        CertificateAuthority.Init(new CaLayout(directory), "controller", time).Dispose();
        return directory;
    }

    public static CaAuthority Open(string directory, TimeProvider time) => CaAuthority.Open(directory, time);

    public static int SignedFor(string directory, string host)
    {
        using var ca = CertificateAuthority.Open(new CaLayout(directory), TimeProvider.System);
        return ca.List().Count(c => c.Name == host);
    }

    public static int RevokedFor(string directory, string host)
    {
        using var ca = CertificateAuthority.Open(new CaLayout(directory), TimeProvider.System);
        return ca.List().Count(c => c.Name == host && c.IsRevoked);
    }
}
