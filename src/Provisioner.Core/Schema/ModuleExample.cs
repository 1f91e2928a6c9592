namespace Provisioner.Core.Schema;

/// <summary>A documented example: a title and the task YAML.</summary>
public sealed record ModuleExample(string Title, string Yaml);
