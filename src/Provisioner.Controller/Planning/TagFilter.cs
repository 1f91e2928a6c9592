namespace Provisioner.Controller.Planning;

/// <summary>
/// <c>--tags</c> / <c>--skip-tags</c> with Ansible's semantics (taggable.py <c>evaluate_tags</c>): a task's tags are its
/// own plus those of every block, import, role and play around it. <c>always</c> runs unless skipped explicitly,
/// <c>never</c> runs only when one of its other tags (or <c>never</c>) is asked for, <c>all</c> is every task but
/// <c>never</c>, <c>tagged</c> / <c>untagged</c> select tasks with / without tags.
/// </summary>
public sealed class TagFilter
{
    private const string All = "all";
    private const string Always = "always";
    private const string Never = "never";
    private const string Tagged = "tagged";
    private const string Untagged = "untagged";

    private readonly HashSet<string> _only;
    private readonly HashSet<string> _skip;

    public TagFilter(IEnumerable<string> only, IEnumerable<string> skip)
    {
        ArgumentNullException.ThrowIfNull(only);
        ArgumentNullException.ThrowIfNull(skip);
        _only = new HashSet<string>(only, StringComparer.Ordinal);
        _skip = new HashSet<string>(skip, StringComparer.Ordinal);
        if (_only.Count == 0)
        {
            _only.Add(All);
        }
    }

    public static TagFilter Everything { get; } = new([], []);

    public bool ShouldRun(IReadOnlyCollection<string> taskTags)
    {
        ArgumentNullException.ThrowIfNull(taskTags);
        var tags = taskTags.Count == 0 ? new HashSet<string>(StringComparer.Ordinal) { Untagged } : new HashSet<string>(taskTags, StringComparer.Ordinal);
        var untagged = taskTags.Count == 0;

        var run = tags.Contains(Always)
            || (_only.Contains(All) && !tags.Contains(Never))
            || tags.Overlaps(_only)
            || (_only.Contains(Tagged) && !untagged && !tags.Contains(Never));
        if (!run || _skip.Count == 0)
        {
            return run;
        }

        if (_skip.Contains(All))
        {
            return tags.Contains(Always) && !_skip.Contains(Always);
        }

        return !tags.Overlaps(_skip) && !(_skip.Contains(Tagged) && !untagged);
    }
}
