namespace Provisioner.Core.Schema;

/// <summary>The type of a module argument as the validator checks it.</summary>
public enum ArgType
{
    /// <summary>Any scalar, rendered to text.</summary>
    String,
    Int,
    Float,
    Bool,
    /// <summary>A path on the managed host.</summary>
    Path,
    /// <summary>A list; a single scalar is accepted as a list of one.</summary>
    List,
    Dict,
    /// <summary>Octal mode as a string ("0644") or symbolic ("u=rw,g=r").</summary>
    Mode,
    /// <summary>Anything: the module checks it.</summary>
    Raw,
}
