// prov-agent serve: the long-running agent daemon behind mutually authenticated gRPC.
using Provisioner.Agent.Cli;
using Provisioner.Agent.Facts;
using Provisioner.Agent.Memory;
using Provisioner.Modules;
using Provisioner.Modules.Seams;
using Provisioner.Security;
using Provisioner.Security.Certificates;
using Provisioner.Security.Revocation;
using Provisioner.Security.Validation;
using Serilog;
using Serilog.Core;

namespace Provisioner.Agent.Server;

internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stderr)
    {
        string configPath;
        switch (args)
        {
            case []:
                configPath = ServerConfig.DefaultPath;
                break;
            case ["--config", var path]:
                configPath = path;
                break;
            default:
                await stderr.WriteLineAsync($"prov-agent: serve takes [--config FILE], got '{string.Join(' ', args)}'").ConfigureAwait(false);
                return AgentExitCodes.InvalidInput;
        }

        ServerConfig config;
        try
        {
            config = ServerConfig.Load(configPath);
        }
        catch (ServerConfigException ex)
        {
            await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return AgentExitCodes.InvalidInput;
        }

        using var log = new LoggerConfiguration()
            .MinimumLevel.Is(LogLevels.Parse(config.LogLevel)!.Value)
            .WriteTo.Sink(new StderrSink(stderr))
            .CreateLogger();
        try
        {
            return await ServeAsync(config, configPath, log).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SecurityFileException or ServerConfigException)
        {
            log.Fatal("prov-agent cannot start: {Reason}", ex.Message);
            return AgentExitCodes.Error;
        }
        catch (IOException ex)
        {
            log.Fatal("prov-agent cannot start: {Reason} (configuration {Config})", ex.Message, configPath);
            return AgentExitCodes.Error;
        }
    }

    private static async Task<int> ServeAsync(ServerConfig config, string configPath, Logger log)
    {
        var time = TimeProvider.System;
        using var authority = CredentialFiles.LoadCertificate(config.CaCertificate);
        using var certificate = CredentialFiles.LoadCertificateWithKey(config.Certificate, config.Key);
        var self = PeerIdentity.FromCertificate(certificate);
        if (self.Role != PeerRole.Agent)
        {
            throw new ServerConfigException($"{config.Certificate}: this is not an agent certificate ({self.RoleProblem ?? "role " + self.Role}); issue one with: prov ca issue HOST");
        }

        IRevocationSource revocations;
        if (config.RevocationList is null)
        {
            log.Warning("Revocation checking is off (revocation_list is null in {Config}): a revoked controller certificate would be accepted", configPath);
            revocations = RevocationList.Empty;
        }
        else
        {
            revocations = new RevocationListFile(config.RevocationList, authority, log);
        }

        var validator = new PeerValidator(authority, revocations, time, log);
        var own = validator.Validate(certificate, PeerRole.Agent, expectedHost: null, "this agent's own certificate");
        if (!own.Accepted)
        {
            throw new ServerConfigException($"{config.Certificate}: the agent's own certificate is not acceptable: {own.RefusalReason}");
        }

        IdleTrimmer? trimmer = null;
        var coordinator = AgentComposition.Coordinator(config.StateDir, time, TimeSpan.FromSeconds(config.LockWaitSeconds),
            runFinished: () => trimmer?.RunFinished());
        using var idle = trimmer = new IdleTrimmer(() => coordinator.IsIdle, () => ReleaseMemory(log, time), TimeSpan.FromSeconds(1), time);
        foreach (var interrupted in coordinator.RecoverInterrupted())
        {
            log.Warning("Run {RunId} was interrupted when the agent stopped: {Message}", interrupted.RunId, interrupted.Message);
        }

        var processes = new ProcessRunner(time);
        var catalog = new ModuleCatalog(new LocalFileSystem(processes), processes, time);
        var identity = new AgentIdentity(self.Name, catalog.All.Where(s => catalog.IsImplemented(s.Name)).Select(s => s.Name).ToList());

        var app = AgentServer.Build(config, new ServerTls(certificate, validator), validator, coordinator, FactGatherer.ForHost(), identity, log);
        await app.StartAsync().ConfigureAwait(false);
        foreach (var address in AgentServer.BoundAddresses(app))
        {
            log.Information("prov-agent {Version} for {Host} listening on {Address} (TLS 1.3, client certificates from {Ca})",
                AgentCli.Version, self.Name, address, authority.Subject);
        }

        if (coordinator.IsIdle)
        {
            ReleaseMemory(log, time);
        }

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        app.Dispose();
        log.Information("prov-agent stopped");
        return AgentExitCodes.Ok;
    }

    private static void ReleaseMemory(Logger log, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var report = IdleMemory.Release();
        log.Debug("Idle: released memory in {Milliseconds:F1} ms (managed heap {Heap} bytes)", time.GetElapsedTime(started).TotalMilliseconds, report.HeapBytes);
    }
}
