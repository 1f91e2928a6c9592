// The explicit list of modules this agent knows: the one place a module is registered.
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Commands;
using Provisioner.Modules.Docker;
using Provisioner.Modules.Docker.Engine;
using Provisioner.Modules.Files;
using Provisioner.Modules.Flow;
using Provisioner.Modules.Kernel;
using Provisioner.Modules.Network;
using Provisioner.Modules.Packages;
using Provisioner.Modules.Running;
using Provisioner.Modules.Seams;
using Provisioner.Modules.Services;
using Provisioner.Modules.Users;

namespace Provisioner.Modules;

/// <summary>
/// Every module, by name and alias: its schema (for the playbook validator and <c>prov doc</c>, see
/// <see cref="Schemas"/>) and, on the agent, the runner that executes it. Built once in the composition root with the
/// seams the modules use. A module whose schema is known but whose implementation is not part of this agent yet has
/// a runner that fails with a message saying so.
/// </summary>
public sealed class ModuleCatalog : IModuleSchemaCatalog
{
    private static readonly SchemaCatalog SchemaOnly = new(
    [
        AptModule.Schema,
        ServiceModule.Schema,
        FileModule.Schema,
        CopyModule.Schema,
        TemplateModule.Schema,
        LineInFileModule.Schema,
        UserModule.Schema,
        GroupModule.Schema,
        CommandModule.Schema,
        ShellModule.Schema,
        DockerContainerModule.Schema,
        DockerImageModule.Schema,
        DockerNetworkModule.Schema,
        WaitForModule.Schema,
        SetFactModule.Schema,
        DebugModule.Schema,
        AssertModule.Schema,
        FailModule.Schema,
        MetaModule.Schema,
        SysctlModule.Schema,
    ]);

    private readonly Dictionary<string, IModuleRunner> _runners = new(StringComparer.Ordinal);
    private readonly HashSet<string> _implemented = new(StringComparer.Ordinal);

    public ModuleCatalog(IFileSystem files, IProcessRunner processes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(time);

        Add(ModuleRunners.State(new AptModule(files, processes, time)));
        Add(ModuleRunners.State(new FileModule(files)));
        Add(ModuleRunners.State(new CopyModule(files, time)));
        Add(ModuleRunners.State(new TemplateModule(files, time)));
        Add(ModuleRunners.State(new LineInFileModule(files, time)));
        Add(ModuleRunners.Action(new CommandModule(files, processes)));
        Add(ModuleRunners.Action(new ShellModule(files, processes)));
        Add(ModuleRunners.State(new UserModule(files, processes)));
        Add(ModuleRunners.State(new GroupModule(files, processes)));
        Add(ModuleRunners.State(new SysctlModule(files, processes)));
        Add(ModuleRunners.Action(new WaitForModule(files, time)));
        Add(ModuleRunners.Action(new SetFactModule()));
        Add(ModuleRunners.Action(new DebugModule()));
        Add(ModuleRunners.Action(new AssertModule()));
        Add(ModuleRunners.Action(new FailModule()));
        Add(ModuleRunners.Action(new MetaModule()));
        Add(ModuleRunners.State(new ServiceModule(files, processes)));
        var docker = new DockerEngineClient();
        Add(ModuleRunners.State(new DockerContainerModule(docker)));
        Add(ModuleRunners.State(new DockerImageModule(docker, files)));
        Add(ModuleRunners.State(new DockerNetworkModule(docker)));

        foreach (var schema in SchemaOnly.All.Where(s => !_implemented.Contains(s.Name)))
        {
            _runners[schema.Name] = new NotImplementedModuleRunner(schema);
        }
    }

    private void Add(IModuleRunner runner)
    {
        _runners.Add(runner.Schema.Name, runner);
        _implemented.Add(runner.Schema.Name);
    }

    /// <summary>All module schemas, without runners: what the controller, the validator and <c>prov doc</c> read.</summary>
    public static IModuleSchemaCatalog Schemas => SchemaOnly;

    public IReadOnlyList<ModuleSchema> All => SchemaOnly.All;

    public ModuleSchema? Find(string name) => SchemaOnly.Find(name);

    /// <summary>The runner for a module name or alias, or null when no module has that name.</summary>
    public IModuleRunner? FindRunner(string name) =>
        SchemaOnly.Find(name) is { } schema ? _runners[schema.Name] : null;

    /// <summary>Whether this agent can run the module (by name or alias), rather than only validate it.</summary>
    public bool IsImplemented(string name) =>
        SchemaOnly.Find(name) is { } schema && _implemented.Contains(schema.Name);
}
