using System.Diagnostics;

namespace Provisioner.Controller.Local;

/// <summary>How to start prov-agent: its native executable, or <c>dotnet prov-agent.dll</c> for a framework-dependent build.</summary>
internal sealed record AgentCommand(string Path)
{
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var dll = Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(dll ? "dotnet" : Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (dll)
        {
            info.ArgumentList.Add(Path);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
