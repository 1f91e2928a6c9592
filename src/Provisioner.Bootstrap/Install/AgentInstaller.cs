using Provisioner.Bootstrap.Ssh;

namespace Provisioner.Bootstrap.Install;

/// <summary>
/// Puts the agent's files on a host: the binary (uploaded, checksum-verified on the host, renamed into place),
/// agent.json, the service definition and the state directory. Each step compares first and touches nothing
/// that is already as wanted.
/// </summary>
internal sealed class AgentInstaller
{
    private readonly IRemoteHost _host;
    private readonly InstallLayout _layout;
    private readonly HostPlatform _platform;

    public AgentInstaller(IRemoteHost host, InstallLayout layout, HostPlatform platform)
    {
        _host = host;
        _layout = layout;
        _platform = platform;
    }

    public async Task<InstallResult> InstallAsync(AgentBinary binary, AgentSettings settings, CancellationToken ct)
    {
        var config = AgentConfigFile.Render(_layout, settings);
        var servicePath = ServiceDefinition.Path(_layout, _platform.Init);
        var service = ServiceDefinition.Render(_layout, _platform.Init);
        var sums = await RemoteFiles.ChecksumsAsync(_host, [_layout.Binary, _layout.Config, servicePath], ct).ConfigureAwait(false);

        var steps = new List<StepResult>
        {
            await InstallBinaryAsync(binary, sums.GetValueOrDefault(_layout.Binary), ct).ConfigureAwait(false),
            await InstallTextAsync("config", _layout.Config, config, "0644", sums, ct).ConfigureAwait(false),
            await InstallTextAsync("service", servicePath, service, _platform.Init == InitSystem.Systemd ? "0644" : "0755", sums, ct).ConfigureAwait(false),
            await EnsureStateDirectoryAsync(ct).ConfigureAwait(false),
        };
        if (steps[2].Changed && _platform.Init == InitSystem.Systemd)
        {
            await _host.RunCheckedAsync(ct, "systemctl", "daemon-reload").ConfigureAwait(false);
        }

        return new InstallResult(steps, Fresh: sums.Count == 0 && steps[3].Changed);
    }

    private async Task<StepResult> InstallBinaryAsync(AgentBinary binary, string? installed, CancellationToken ct)
    {
        if (installed == binary.Sha256)
        {
            return StepResult.Ok("agent", $"{await VersionAsync(ct).ConfigureAwait(false)} at {_layout.Binary} (sha256 {binary.Sha256[..12]})");
        }

        var temporary = (await _host.RunCheckedAsync(new RemoteCommand(["mktemp", "-d", "/tmp/prov-bootstrap.XXXXXXXX"]) { Become = false }, ct).ConfigureAwait(false)).Stdout.Trim();
        try
        {
            var uploaded = temporary + "/prov-agent";
            await using (var stream = File.OpenRead(binary.Path))
            {
                await _host.UploadAsync(stream, uploaded, ct).ConfigureAwait(false);
            }

            await VerifyAsync(uploaded, binary, become: false, ct).ConfigureAwait(false);
            var staged = _layout.Binary + ".prov-new";
            await _host.RunCheckedAsync(ct, "install", "-D", "-m", "0755", "-o", "0", "-g", "0", "--", uploaded, staged).ConfigureAwait(false);

            // Checked again once root owns the copy: the upload directory belongs to the login user.
            await VerifyAsync(staged, binary, become: true, ct).ConfigureAwait(false);
            await _host.RunCheckedAsync(ct, "mv", "-f", "--", staged, _layout.Binary).ConfigureAwait(false);
        }
        finally
        {
            await _host.RunAsync(new RemoteCommand(["rm", "-rf", "--", temporary]) { Become = false }, CancellationToken.None).ConfigureAwait(false);
        }

        var version = await VersionAsync(ct).ConfigureAwait(false);
        return StepResult.Change("agent", installed is null
            ? $"installed {version} at {_layout.Binary} (sha256 {binary.Sha256[..12]})"
            : $"upgraded to {version} (sha256 {installed[..12]} -> {binary.Sha256[..12]})");
    }

    private async Task VerifyAsync(string path, AgentBinary binary, bool become, CancellationToken ct)
    {
        var sums = await _host.RunCheckedAsync(new RemoteCommand(["sha256sum", "--", path]) { Become = become }, ct).ConfigureAwait(false);
        var actual = sums.Stdout.Length >= 64 ? sums.Stdout[..64] : sums.Stdout.Trim();
        if (actual != binary.Sha256)
        {
            throw new RemoteCommandException(
                $"{_host.Target.Name}: the uploaded agent at {path} has sha256 {actual}, expected {binary.Sha256} ({binary.Path}); the upload was corrupted or altered, nothing was installed");
        }
    }

    private async Task<string> VersionAsync(CancellationToken ct)
    {
        var result = await _host.RunAsync(RemoteCommand.Of(_layout.Binary, "--version"), ct).ConfigureAwait(false);
        return result.Succeeded
            ? result.Stdout.Trim()
            : throw new RemoteCommandException($"{_host.Target.Name}: the installed agent does not run ('{_layout.Binary} --version' exit {result.ExitCode}: {result.Stderr.Trim()}); is it built for {_platform.RuntimeId}?");
    }

    private async Task<StepResult> InstallTextAsync(string name, string path, string text, string mode, Dictionary<string, string> sums, CancellationToken ct)
    {
        var existing = sums.GetValueOrDefault(path);
        if (existing == RemoteFiles.Sha256(text))
        {
            var actual = (await _host.RunCheckedAsync(ct, "stat", "-c", "%a", "--", path).ConfigureAwait(false)).Stdout.Trim();
            if (actual == mode.TrimStart('0'))
            {
                return StepResult.Ok(name, path);
            }

            await _host.RunCheckedAsync(ct, "chmod", mode, "--", path).ConfigureAwait(false);
            return StepResult.Change(name, $"mode of {path} {actual} -> {mode}");
        }

        await RemoteFiles.WriteTextAsync(_host, path, text, mode, ct).ConfigureAwait(false);
        return StepResult.Change(name, existing is null ? $"wrote {path}" : $"updated {path}");
    }

    private async Task<StepResult> EnsureStateDirectoryAsync(CancellationToken ct)
    {
        if ((await _host.RunAsync(RemoteCommand.Of("test", "-d", _layout.StateDirectory), ct).ConfigureAwait(false)).Succeeded)
        {
            return StepResult.Ok("state", _layout.StateDirectory);
        }

        await _host.RunCheckedAsync(ct, "install", "-d", "-m", "0700", "--", _layout.StateDirectory).ConfigureAwait(false);
        return StepResult.Change("state", $"created {_layout.StateDirectory}");
    }
}
