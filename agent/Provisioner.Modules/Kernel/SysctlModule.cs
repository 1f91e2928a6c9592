// sysctl: kernel parameters, persisted in a sysctl.d file and applied to the running kernel.
using System.Text;
using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Kernel;

internal sealed class SysctlModule(IFileSystem fs, IProcessRunner processes) : IModule<SysctlArgs, SysctlState>
{
    public static ModuleSchema Schema { get; } = new(
        "sysctl",
        "Set a kernel parameter in a sysctl file and in the running kernel.",
        [
            new ArgSpec("name", ArgType.String, "Parameter, dotted (`net.ipv4.ip_forward`).") { Required = true, Aliases = ["key"] },
            new ArgSpec("value", ArgType.String, "Desired value (required with state=present).") { Aliases = ["val"] },
            new ArgSpec("state", ArgType.String, "Whether the setting should be in the file.") { Default = "present", Choices = ["present", "absent"] },
            new ArgSpec("sysctl_file", ArgType.Path, "File that persists the setting.") { Default = "/etc/sysctl.conf" },
            new ArgSpec("reload", ArgType.Bool, "Also set the value in the running kernel (/proc/sys) when state=present.") { Default = true },
            new ArgSpec("ignoreerrors", ArgType.Bool, "Ignore an unknown parameter when setting the running value.") { Default = false },
        ])
    {
        Description = "The running value is compared too: a parameter set in the file but not live is a change. " +
            "Values are compared with whitespace normalised (`4096 87380 6291456`).",
        RequiredIf = [new RequiredIf("state", "present", ["value"])],
        Examples =
        [
            new ModuleExample("Let Redis overcommit memory", """
                - sysctl:
                    name: vm.overcommit_memory
                    value: "1"
                    sysctl_file: /etc/sysctl.d/60-redis.conf
                """),
        ],
        Returns =
        [
            new ReturnSpec("name", "string", "The parameter."),
            new ReturnSpec("value", "string", "Its running value after the task."),
        ],
    };

    ModuleSchema IModule<SysctlArgs, SysctlState>.Schema => Schema;

    public SysctlArgs Bind(ModuleArgs args) => new(
        SysctlFile.CanonicalName(args.RequiredString("name")),
        args.String("value") is { } value ? SysctlFile.Normalize(value) : null,
        args.String("state") == "present",
        args.RequiredString("sysctl_file"),
        args.Bool("reload"),
        args.Bool("ignoreerrors"));

    public IReadOnlyList<ArgError> Validate(SysctlArgs args)
    {
        var errors = new List<ArgError>();
        if (args.Name.Length == 0 || !args.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '*'))
        {
            errors.Add(new ArgError("name", $"'{args.Name}' is not a kernel parameter name (dotted, like net.ipv4.ip_forward)"));
        }

        if (args.Value?.Contains('\n', StringComparison.Ordinal) == true)
        {
            errors.Add(new ArgError("value", "must be a single line"));
        }

        return errors;
    }

    public async Task<SysctlState> GetAsync(SysctlArgs args, CancellationToken ct)
    {
        var text = fs.Stat(args.File) is null ? null : Encoding.UTF8.GetString(await fs.ReadAsync(args.File, ct).ConfigureAwait(false));
        string? running = null;
        if (args.Present && args.Reload)
        {
            var result = await processes.RunAsync(new ProcessRequest(["sysctl", "-n", args.Name]), ct).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                running = SysctlFile.Normalize(result.Stdout);
            }
            else if (!args.IgnoreErrors)
            {
                throw new ModuleException($"cannot read kernel parameter {args.Name}: {result.Stderr.Trim()} (set ignoreerrors: yes for parameters this kernel may lack)");
            }
        }

        return new SysctlState(text, running);
    }

    public IReadOnlyList<DiffEntry> Compare(SysctlArgs args, SysctlState actual)
    {
        var inFile = SysctlFile.Find(actual.FileText, args.Name);
        if (!args.Present)
        {
            return inFile is null ? [] : [new DiffEntry(args.Name, inFile, "(not set)") { Path = args.File }];
        }

        var diff = new List<DiffEntry>();
        if (inFile != args.Value)
        {
            diff.Add(new DiffEntry(args.Name, inFile ?? "(not set)", args.Value!) { Path = args.File });
        }

        if (actual.Running is { } running && SysctlFile.Normalize(running) != args.Value)
        {
            diff.Add(new DiffEntry(args.Name + " (running)", running, args.Value!));
        }

        return diff;
    }

    public async Task ApplyAsync(SysctlArgs args, SysctlState actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct)
    {
        if (diff.Any(d => d.Path is not null))
        {
            var text = args.Present ? SysctlFile.Set(actual.FileText, args.Name, args.Value!) : SysctlFile.Remove(actual.FileText, args.Name);
            await fs.WriteAtomicAsync(args.File, Encoding.UTF8.GetBytes(text), new FileWriteOptions(), ct).ConfigureAwait(false);
        }

        if (diff.Any(d => d.Path is null))
        {
            List<string> argv = ["sysctl", .. args.IgnoreErrors ? ["-e"] : Array.Empty<string>(), "-w", $"{args.Name}={args.Value}"];
            var result = await processes.RunAsync(new ProcessRequest(argv), ct).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new ModuleException($"cannot set kernel parameter {args.Name}={args.Value}: {result.Stderr.Trim()}");
            }
        }
    }

    public IReadOnlyDictionary<string, object?> Returns(SysctlArgs args, SysctlState state)
    {
        var result = PlainData.NewMap();
        result["name"] = args.Name;
        result["value"] = state.Running ?? SysctlFile.Find(state.FileText, args.Name);
        return result;
    }
}
