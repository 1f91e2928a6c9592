namespace Provisioner.Templating;

/// <summary>A read-only view of the variables visible to an expression or template.</summary>
public interface IVariableScope
{
    /// <summary>Looks a variable up by name; <paramref name="value"/> is plain data (see <c>PlainData</c>).</summary>
    bool TryGet(string name, out object? value);

    /// <summary>Every name visible through this scope, parents included, each once.</summary>
    IEnumerable<string> Names { get; }
}
