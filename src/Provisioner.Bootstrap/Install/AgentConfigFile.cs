using System.Text;
using System.Text.Json;

namespace Provisioner.Bootstrap.Install;

/// <summary>
/// The text of <c>/etc/prov/agent.json</c> (read by <c>prov-agent serve</c>). Always the same bytes for the same
/// inputs, so that comparing checksums tells whether the host's file is current.
/// </summary>
internal static class AgentConfigFile
{
    public static string Render(InstallLayout layout, AgentSettings settings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("listen", settings.Listen);
            json.WriteNumber("port", settings.Port);
            json.WriteString("ca_certificate", layout.CaCertificate);
            json.WriteString("certificate", layout.Certificate);
            json.WriteString("key", layout.Key);
            json.WriteString("revocation_list", layout.RevocationList);
            json.WriteString("state_dir", layout.StateDirectory);
            json.WriteString("log_level", settings.LogLevel);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }
}
