namespace Provisioner.Bootstrap.Ssh;

/// <summary>Where to log in: the inventory name (for messages and certificates), address, SSH port and user.</summary>
public sealed record SshTarget(string Name, string Address, int Port = 22, string User = "root")
{
    /// <summary>Whether commands need <c>sudo -n</c> to run as root.</summary>
    public bool NeedsSudo => User != "root";

    public override string ToString() => Port == 22 ? $"{User}@{Address}" : $"{User}@{Address}:{Port}";
}
