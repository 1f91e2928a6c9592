using System.CommandLine;
using Provisioner.Bootstrap;
using Provisioner.Bootstrap.Enrolment;
using Provisioner.Bootstrap.Install;
using Provisioner.Bootstrap.Ssh;
using Provisioner.Bootstrap.Verification;
using Provisioner.Cli.Commands.Bootstrap;
using Provisioner.Core.Diagnostics;
using Provisioner.Language.Inventory;

namespace Provisioner.Cli.Commands;

/// <summary><c>prov bootstrap</c>: installs and enrols the agent on inventory hosts over SSH (or removes it).</summary>
internal static class BootstrapCommand
{
    public static Command Create()
    {
        var inventory = new Option<string[]>("--inventory", "-i")
        {
            Description = "Inventory file or folder (repeat to merge several)",
            HelpName = "INVENTORY",
            Arity = ArgumentArity.OneOrMore,
            Required = true,
        };
        var limit = new Option<string?>("--limit", "-l") { Description = "Only hosts matching this host pattern", HelpName = "PATTERN" };
        var forks = new Option<int>("--forks", "-f") { Description = "How many hosts at once", DefaultValueFactory = _ => BootstrapOptions.DefaultForks };
        var knownHosts = new Option<string?>("--known-hosts") { Description = "known_hosts file to verify host keys against (default: ~/.ssh/known_hosts)", HelpName = "FILE" };
        var acceptNew = new Option<bool>("--accept-new-host-keys") { Description = "Trust and remember the key of hosts not yet in known_hosts (never a changed key)" };
        var askPass = new Option<bool>("--ask-pass", "-k") { Description = "Ask for the SSH password (read without echo)" };
        var key = new Option<string?>("--key") { Description = "SSH private key file (default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa)", HelpName = "FILE" };
        var agentBinary = new Option<string?>("--agent-binary")
        {
            Description = $"prov-agent executable, or a directory with linux-x64/prov-agent and linux-arm64/prov-agent (default: {AgentBinaryLocator.DefaultDirectory})",
            HelpName = "FILE|DIR",
        };
        var uninstall = new Option<bool>("--uninstall") { Description = "Stop and remove the agent, its service, configuration and keys; revoke its certificate" };
        var stateDir = new Option<string?>("--state-dir") { Description = "prov's state directory (default: $XDG_DATA_HOME/prov or ~/.local/share/prov)", HelpName = "DIR" };
        var caDir = new Option<string?>("--ca-dir") { Description = "The CA directory (default: STATE_DIR/ca)", HelpName = "DIR" };
        var installRoot = new Option<string?>("--install-root")
        {
            Description = "Install under this directory instead of / (tests and staging: the service is run by its script, not registered with init)",
            HelpName = "DIR",
        };
        var connectTimeout = new Option<int>("--timeout", "-T") { Description = "SSH connect timeout in seconds", DefaultValueFactory = _ => 15 };
        var commandTimeout = new Option<int>("--command-timeout") { Description = "Limit for each remote command, in seconds", DefaultValueFactory = _ => 120 };

        var command = new Command("bootstrap", "Install and enrol prov-agent on inventory hosts over SSH (host keys verified), or remove it with --uninstall")
        {
            inventory, limit, forks, knownHosts, acceptNew, askPass, key, agentBinary, uninstall, stateDir, caDir, installRoot, connectTimeout, commandTimeout,
        };
        command.SetAction((parse, ct) => RunAsync(
            new BootstrapRequest
            {
                Inventories = parse.GetValue(inventory) ?? [],
                Limit = parse.GetValue(limit),
                Forks = parse.GetValue(forks),
                KnownHosts = parse.GetValue(knownHosts),
                AcceptNewHostKeys = parse.GetValue(acceptNew),
                AskPass = parse.GetValue(askPass),
                KeyFile = parse.GetValue(key),
                AgentBinary = parse.GetValue(agentBinary),
                Uninstall = parse.GetValue(uninstall),
                StateDirectory = parse.GetValue(stateDir),
                CaDirectory = parse.GetValue(caDir),
                InstallRoot = parse.GetValue(installRoot),
                ConnectTimeoutSeconds = parse.GetValue(connectTimeout),
                CommandTimeoutSeconds = parse.GetValue(commandTimeout),
            },
            ct));
        return command;
    }

    private static async Task<int> RunAsync(BootstrapRequest request, CancellationToken ct)
    {
        var stderr = Console.Error;
        try
        {
            if (request.Forks < 1 || request.ConnectTimeoutSeconds < 1 || request.CommandTimeoutSeconds < 1)
            {
                await stderr.WriteLineAsync("prov bootstrap: error: --forks, --timeout and --command-timeout must be at least 1").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var loaded = InventoryLoader.Load(request.Inventories);
            var selection = HostPatterns.Select(loaded.Inventory, "all", request.Limit);
            foreach (var warning in loaded.Warnings.Concat(selection.Warnings))
            {
                await stderr.WriteLineAsync(warning.ToString()).ConfigureAwait(false);
            }

            if (selection.Hosts.Count == 0)
            {
                await stderr.WriteLineAsync("prov bootstrap: no hosts matched; nothing to do").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var password = request.AskPass ? SecretPrompt.Read("SSH password: ") : null;
            var hosts = new BootstrapHosts(request, password).From(selection.Hosts);
            var stateDirectory = StateDirectory.Resolve(request.StateDirectory);
            var services = new BootstrapServices(
                new AgentBinaryLocator(request.AgentBinary),
                BootstrapComposition.Authority(request.CaDirectory, stateDirectory),
                new EnrolmentTokenStore(EnrolmentTokenStore.DirectoryIn(stateDirectory), TimeProvider.System),
                BootstrapComposition.Probe(),
                TimeProvider.System);
            var options = new BootstrapOptions
            {
                Forks = request.Forks,
                Uninstall = request.Uninstall,
                Layout = new InstallLayout(request.InstallRoot is null ? "/" : Path.GetFullPath(request.InstallRoot)),
            };

            var printer = new BootstrapReportPrinter(Console.Out);
            var reports = await new BootstrapRunner(services, options).RunAsync(hosts, printer.HostDoneAsync, ct).ConfigureAwait(false);
            await printer.RecapAsync(reports).ConfigureAwait(false);
            var failed = reports.Where(r => r.Outcome == HostOutcome.Failed).ToList();
            return failed.Count == 0 ? ExitCodes.Ok : failed.All(r => r.Unreachable) ? ExitCodes.HostUnreachable : ExitCodes.TaskFailed;
        }
        catch (InvalidInputException ex)
        {
            foreach (var diagnostic in ex.Diagnostics)
            {
                await stderr.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.InvalidInput;
        }
        catch (BootstrapException ex)
        {
            await stderr.WriteLineAsync($"prov bootstrap: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"prov bootstrap: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }
}
