// The scope seen while a templated variable is being rendered: it remembers the chain of names, to stop cycles.
namespace Provisioner.Templating.Sandbox;

internal sealed class ResolvingScope : IVariableScope
{
    private readonly VariableScope _root;
    private readonly List<string> _chain = [];

    public ResolvingScope(VariableScope root)
    {
        _root = root;
    }

    public IEnumerable<string> Names => _root.Names;

    public bool TryGet(string name, out object? value) => TryGet(name, out value, out _);

    public bool TryGet(string name, out object? value, out bool literal)
    {
        var start = _chain.IndexOf(name);
        if (start >= 0)
        {
            var cycle = string.Join(" -> ", _chain.Skip(start).Append(name));
            throw new TemplateException(
                $"variable '{name}' refers to itself ({cycle}). Give one of these variables a value that does not depend on the others",
                origin: $"variable '{name}'",
                line: 0,
                column: 0);
        }

        return _root.Resolve(name, this, out value, out literal);
    }

    public void Enter(string name)
    {
        _chain.Add(name);
        if (_chain.Count > _root.Engine.Limits.RecursionLimit)
        {
            throw new TemplateException(
                $"variables refer to each other more than {_root.Engine.Limits.RecursionLimit} levels deep ({string.Join(" -> ", _chain.Take(5))} -> ...). Flatten the chain of variables",
                origin: $"variable '{_chain[0]}'",
                line: 0,
                column: 0);
        }
    }

    public void Exit() => _chain.RemoveAt(_chain.Count - 1);
}
