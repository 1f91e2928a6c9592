namespace Provisioner.Controller.Planning;

/// <summary>
/// What a task inherits from the play, role and blocks around it and that the compiler resolves onto each task (the
/// agent inherits <c>when</c> and <c>vars</c> through blocks itself): tags for filtering, become, run_once, no_log and
/// ignore_errors (an inner explicit value wins over an outer one, as in Ansible).
/// </summary>
internal sealed record Inheritance
{
    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool? Become { get; init; }

    public string? BecomeUser { get; init; }

    public bool? RunOnce { get; init; }

    public bool? NoLog { get; init; }

    public bool? IgnoreErrors { get; init; }

    public Inheritance Inner(Core.Playbooks.TaskNode node, bool inheritTags = true) => this with
    {
        Tags = inheritTags ? [.. Tags, .. node.Tags] : Tags,
        Become = node.Become ?? Become,
        BecomeUser = node.BecomeUser ?? BecomeUser,
        RunOnce = node.RunOnce ?? RunOnce,
        NoLog = node.NoLog ?? NoLog,
        IgnoreErrors = node.IgnoreErrors ?? IgnoreErrors,
    };
}
