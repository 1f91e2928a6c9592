using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Inventory;

/// <summary>A group while the inventory is being read.</summary>
internal sealed class GroupDraft(string name)
{
    private readonly HashSet<string> _hostSet = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public SourceLocation? Location { get; set; }

    public List<string> Children { get; } = [];

    public List<string> Parents { get; } = [];

    public List<string> Hosts { get; } = [];

    public VarsDraft Vars { get; } = new();

    public int Priority { get; set; } = 1;

    public bool HasHost(string host) => _hostSet.Contains(host);

    public bool AddHost(string host)
    {
        if (!_hostSet.Add(host))
        {
            return false;
        }

        Hosts.Add(host);
        return true;
    }

    public void RemoveHost(string host)
    {
        if (_hostSet.Remove(host))
        {
            Hosts.Remove(host);
        }
    }
}
