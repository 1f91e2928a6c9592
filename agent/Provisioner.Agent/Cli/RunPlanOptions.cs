using System.Globalization;
using Provisioner.Agent.State;

namespace Provisioner.Agent.Cli;

internal sealed record RunPlanOptions(string PlanFile)
{
    public bool Check { get; init; }

    public bool Diff { get; init; }

    public string StateDir { get; init; } = StateLayout.DefaultRoot;

    public string? RunId { get; init; }

    public bool Json { get; init; }

    public TimeSpan Wait { get; init; } = TimeSpan.FromMinutes(1);

    public static RunPlanOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? file = null;
        var options = new RunPlanOptions(string.Empty);
        for (var i = 0; i < args.Count; i++)
        {
            string? Value()
            {
                return i + 1 < args.Count ? args[++i] : null;
            }

            switch (args[i])
            {
                case "--check":
                    options = options with { Check = true };
                    break;
                case "--diff":
                    options = options with { Diff = true };
                    break;
                case "--json":
                    options = options with { Json = true };
                    break;
                case "--state-dir":
                    if (Value() is not { Length: > 0 } dir)
                    {
                        error = "--state-dir needs a directory";
                        return null;
                    }

                    options = options with { StateDir = dir };
                    break;
                case "--run-id":
                    if (Value() is not { } id || !StateLayout.IsValidRunId(id))
                    {
                        error = "--run-id needs 1-128 letters, digits, '.', '_' or '-' (not starting with '.')";
                        return null;
                    }

                    options = options with { RunId = id };
                    break;
                case "--wait":
                    if (!double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                    {
                        error = "--wait needs a number of seconds (how long to wait for a run in progress)";
                        return null;
                    }

                    options = options with { Wait = TimeSpan.FromSeconds(seconds) };
                    break;
                case var flag when flag.StartsWith('-'):
                    error = $"unknown option '{flag}'";
                    return null;
                case var path when file is null:
                    file = path;
                    break;
                default:
                    error = $"unexpected argument '{args[i]}': run-plan takes one plan file";
                    return null;
            }
        }

        if (file is null)
        {
            error = "run-plan needs a plan FILE";
            return null;
        }

        error = null;
        return options with { PlanFile = file };
    }
}
