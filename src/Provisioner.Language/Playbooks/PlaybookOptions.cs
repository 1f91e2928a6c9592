using Provisioner.Language.Yaml;

namespace Provisioner.Language.Playbooks;

/// <summary>How a playbook is found and read.</summary>
public sealed record PlaybookOptions
{
    /// <summary>Paths in messages are relative to this directory (normally the working directory).</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Extra folders searched for roles after <c>roles/</c> beside the playbook.</summary>
    public IReadOnlyList<string> RolePaths { get; init; } = [];

    /// <summary><c>-e</c> values: win over everything, and are available to compile-time templates (<c>hosts:</c>, <c>vars_files</c>).</summary>
    public IReadOnlyDictionary<string, object?> ExtraVars { get; init; } = new Dictionary<string, object?>();

    public YamlLimits YamlLimits { get; init; } = YamlLimits.Default;
}
