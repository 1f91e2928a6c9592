using System.CommandLine;
using System.Net;
using Provisioner.Security.Authority;
using Provisioner.Security.Certificates;

namespace Provisioner.Cli.Commands.Ca;

/// <summary>
/// <c>prov ca issue HOST</c>: an agent certificate with a key generated here, written with everything the agent needs
/// (certificate, key, CA certificate, revocation list and a matching agent.json) into one directory.
/// </summary>
internal static class CaIssueCommand
{
    public static Command Create()
    {
        var options = new CaOptions();
        var host = new Argument<string>("HOST") { Description = "The host's inventory name: the agent certificate's name and DNS SAN" };
        var addresses = new Option<string[]>("--address", "-a") { Description = "An address the controller reaches the agent at, as an IP SAN (repeatable)" };
        var output = new Option<string?>("--out", "-o") { Description = "Directory to write the agent's files to (default: ./HOST)", HelpName = "DIR" };
        var days = new Option<int>("--days") { Description = "Validity in days", DefaultValueFactory = _ => (int)IssueOptions.DefaultLifetime.TotalDays };
        var command = new Command("issue", "Issue an agent certificate (key generated here) and write the agent's credential files") { host, addresses, output, days };
        options.AddTo(command);
        command.SetAction(parse => CaErrors.Run("issue", () =>
        {
            var name = parse.GetValue(host)!;
            var parsed = new List<IPAddress>();
            foreach (var text in parse.GetValue(addresses) ?? [])
            {
                if (!IPAddress.TryParse(text, out var address))
                {
                    throw new CertificateRequestException($"--address '{text}' is not an IP address");
                }

                parsed.Add(address);
            }

            if (parse.GetValue(days) is var lifetime and < 1)
            {
                throw new CertificateRequestException($"--days must be 1 or more, got {lifetime}");
            }

            var layout = options.Layout(parse);
            var outDir = Path.GetFullPath(parse.GetValue(output) ?? name);
            using var authority = CertificateAuthority.Open(layout, TimeProvider.System);
            var files = new AgentFiles(outDir);
            files.CheckFree();
            using var issued = authority.IssueAgent(name, new IssueOptions { Addresses = parsed, Lifetime = TimeSpan.FromDays(parse.GetValue(days)) });
            files.Write(issued, layout);

            var identity = PeerIdentity.FromCertificate(issued.Certificate);
            Console.Out.WriteLine($"Issued agent certificate for {name} (serial {identity.Serial}, valid until {identity.NotAfter:yyyy-MM-dd})");
            Console.Out.WriteLine($"SANs: {string.Join(", ", identity.DnsNames.Concat(identity.IpAddresses.Select(a => a.ToString())).Append(string.Join(", ", identity.Uris)))}");
            Console.Out.WriteLine($"Wrote {outDir}/{{{string.Join(",", AgentFiles.Names)}}}");
            Console.Out.WriteLine($"Install them on {name} as /etc/prov/ (agent.key stays 0600) and run: prov-agent serve --config /etc/prov/agent.json");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
