namespace Provisioner.Bootstrap.Install;

/// <summary>
/// Where the agent's files go on a host. <see cref="Root"/> is <c>/</c> for a real install; any other directory
/// prefixes every path (a scratch root for tests or staging: the service is then run by its init script directly
/// and not registered with the host's init system).
/// </summary>
public sealed record InstallLayout
{
    public InstallLayout(string root = "/")
    {
        if (!root.StartsWith('/'))
        {
            throw new ArgumentException($"the install root must be an absolute path, not '{root}'", nameof(root));
        }

        Root = root.Length > 1 ? root.TrimEnd('/') : "/";
    }

    public string Root { get; }

    public bool IsPrefixed => Root != "/";

    public string Binary => Under("/usr/local/bin/prov-agent");

    public string ConfigDirectory => Under("/etc/prov");

    public string Config => Under("/etc/prov/agent.json");

    public string Key => Under("/etc/prov/agent.key");

    /// <summary>The new key the enrol command generates; becomes <see cref="Key"/> when its certificate is installed.</summary>
    public string PendingKey => Under("/etc/prov/agent.key.pending");

    public string Certificate => Under("/etc/prov/agent.crt");

    public string CaCertificate => Under("/etc/prov/ca.crt");

    public string RevocationList => Under("/etc/prov/revoked.crl");

    public string StateDirectory => Under("/var/lib/prov-agent");

    public string SystemdUnit => Under("/etc/systemd/system/prov-agent.service");

    public string InitScript => Under("/etc/init.d/prov-agent");

    public string PidFile => Under("/run/prov-agent.pid");

    public string LogFile => Under("/var/log/prov-agent.log");

    private string Under(string path) => IsPrefixed ? Root + path : path;
}
