namespace Provisioner.Lab.State;

/// <summary>The lab's apt-cacher-ng process, bound to the network's gateway.</summary>
public sealed record AptCacherRecord(int Pid, string PidFile, string ConfigDirectory, string Address, int Port, string SocketPath);
