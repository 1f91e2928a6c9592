using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Yaml;

/// <summary>A YAML node with the position it came from; the language layer never loses where a value was written.</summary>
public abstract record YNode(SourceLocation Location)
{
    /// <summary>Short name of the node kind for error messages: "a mapping", "a list", "a string".</summary>
    public abstract string KindName { get; }
}
