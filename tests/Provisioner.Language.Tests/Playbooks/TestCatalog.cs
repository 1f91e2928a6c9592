using Provisioner.Core.Schema;

namespace Provisioner.Language.Tests.Playbooks;

/// <summary>A few module schemas, enough to load playbooks without the agent's module catalog.</summary>
internal sealed class TestCatalog : IModuleSchemaCatalog
{
    public IReadOnlyList<ModuleSchema> All { get; } =
    [
        new("apt", "packages", [new("name", ArgType.List, "names"), new("state", ArgType.String, "state") { Choices = ["present", "absent", "latest"] }, new("update_cache", ArgType.Bool, "update")]) { Aliases = ["package"] },
        new("service", "services", [new("name", ArgType.String, "name") { Required = true }, new("state", ArgType.String, "state") { Choices = ["started", "stopped", "restarted", "reloaded"] }, new("enabled", ArgType.Bool, "enabled")]),
        new("copy", "copy", [new("src", ArgType.String, "src"), new("dest", ArgType.Path, "dest") { Required = true }, new("content", ArgType.String, "content"), new("mode", ArgType.Mode, "mode"), new("remote_src", ArgType.Bool, "remote")]),
        new("template", "template", [new("src", ArgType.String, "src") { Required = true }, new("dest", ArgType.Path, "dest") { Required = true }, new("mode", ArgType.Mode, "mode")]),
        new("command", "command", [new("cmd", ArgType.String, "cmd"), new("creates", ArgType.Path, "creates"), new("removes", ArgType.Path, "removes"), new("chdir", ArgType.Path, "chdir")]) { FreeForm = "cmd" },
        new("shell", "shell", [new("cmd", ArgType.String, "cmd"), new("creates", ArgType.Path, "creates"), new("chdir", ArgType.Path, "chdir")]) { FreeForm = "cmd" },
        new("file", "file", [new("path", ArgType.Path, "path") { Required = true, Aliases = ["dest"] }, new("state", ArgType.String, "state")]),
        new("debug", "debug", [new("msg", ArgType.String, "msg"), new("var", ArgType.String, "var")]) { IsAction = true },
        new("set_fact", "set_fact", []) { IsAction = true },
        new("docker_container", "docker", [new("name", ArgType.String, "name") { Required = true }, new("image", ArgType.String, "image")]),
    ];

    public ModuleSchema? Find(string name) => All.FirstOrDefault(s => s.Name == name || s.Aliases.Contains(name));
}
