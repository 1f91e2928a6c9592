namespace Provisioner.Bootstrap.Install;

/// <summary>Per-host agent settings: where it listens. From host variables <c>agent_listen</c> and <c>agent_port</c>.</summary>
public sealed record AgentSettings(string Listen = AgentSettings.DefaultListen, int Port = AgentSettings.DefaultPort, string LogLevel = "information")
{
    public const string DefaultListen = "0.0.0.0";
    public const int DefaultPort = 7443;
}
