using Provisioner.Core.Playbooks;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Playbooks;

/// <summary>The keywords tasks, blocks and imports share, read into one place and then copied onto the node.</summary>
internal sealed class CommonKeywords
{
    private string _name = string.Empty;
    private IReadOnlyList<string> _when = [];
    private IReadOnlyList<string> _tags = [];
    private IReadOnlyDictionary<string, object?> _vars = new Dictionary<string, object?>();
    private bool? _become;
    private string? _becomeUser;
    private bool? _ignoreErrors;
    private bool? _noLog;
    private bool? _runOnce;
    private string? _delegateTo;

    /// <summary>Reads the entry if it is a common keyword; false when the key is something else.</summary>
    public bool TryRead(ValueReader values, YScalar key, YNode value)
    {
        switch (key.Text)
        {
            case "name":
                _name = values.String("name", value) ?? string.Empty;
                return true;
            case "when":
                _when = values.Conditions("when", value);
                return true;
            case "tags":
                _tags = values.StringList("tags", value, splitCommas: true);
                return true;
            case "vars":
                _vars = values.Vars("vars", value);
                return true;
            case "become":
                _become = values.Bool("become", value);
                return true;
            case "become_user":
                _becomeUser = values.String("become_user", value);
                return true;
            case "ignore_errors":
                _ignoreErrors = values.Bool("ignore_errors", value);
                return true;
            case "no_log":
                _noLog = values.Bool("no_log", value);
                return true;
            case "run_once":
                _runOnce = values.Bool("run_once", value);
                return true;
            case "delegate_to":
                _delegateTo = values.String("delegate_to", value);
                return true;
            default:
                return false;
        }
    }

    public TaskNode ApplyTo(TaskNode node, YMapping map, string? role) => node with
    {
        KeyLocations = map.Entries.ToDictionary(e => e.Key.Text, e => e.Key.Location, StringComparer.Ordinal),
        Name = _name,
        When = _when,
        Tags = _tags,
        Vars = _vars,
        Become = _become,
        BecomeUser = _becomeUser,
        IgnoreErrors = _ignoreErrors,
        NoLog = _noLog,
        RunOnce = _runOnce,
        DelegateTo = _delegateTo,
        Role = role,
    };
}
