namespace Provisioner.Controller.Dispatch;

/// <summary>Where a host's agent listens: its inventory name, address (templates rendered) and port (null: the default).</summary>
public sealed record HostAddress(string Name, string Address, int? Port);
