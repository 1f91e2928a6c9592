namespace Provisioner.Controller.Planning;

/// <summary>
/// Task ids are source positions ("roles/web/tasks/main.yml:12:3"). A role applied twice in one play (different
/// parameters, or <c>allow_duplicates</c>) puts the same positions in the plan again: those get "#2", "#3"...
/// </summary>
internal sealed class TaskIds
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    public string Unique(string position)
    {
        var count = _seen.TryGetValue(position, out var n) ? n + 1 : 1;
        _seen[position] = count;
        return count == 1 ? position : $"{position}#{count}";
    }
}
