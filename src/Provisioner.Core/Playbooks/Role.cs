namespace Provisioner.Core.Playbooks;

/// <summary>A role directory: tasks, handlers, defaults, vars, dependencies, and the files and templates it ships.</summary>
public sealed record Role
{
    public required string Name { get; init; }

    /// <summary>Display path of the role directory.</summary>
    public required string Directory { get; init; }

    public IReadOnlyList<TaskNode> Tasks { get; init; } = [];

    public IReadOnlyList<TaskNode> Handlers { get; init; } = [];

    /// <summary><c>defaults/main.yml</c>: lowest precedence.</summary>
    public IReadOnlyDictionary<string, object?> Defaults { get; init; } = new Dictionary<string, object?>();

    /// <summary><c>vars/main.yml</c>: above play vars.</summary>
    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    /// <summary><c>meta/main.yml</c> dependencies, applied before the role.</summary>
    public IReadOnlyList<RoleRef> Dependencies { get; init; } = [];

    public bool AllowDuplicates { get; init; }

    /// <summary>Display paths of files under <c>templates/</c>, relative to that folder ("nginx.conf.sbn").</summary>
    public IReadOnlyList<string> Templates { get; init; } = [];

    /// <summary>Display paths of files under <c>files/</c>, relative to that folder.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}
