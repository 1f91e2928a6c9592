using System.Globalization;
using Provisioner.Core.Data;
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Docker;

/// <summary>
/// The docker_container module's arguments. Lists and maps are null when not given: only what was asked for is
/// compared. <see cref="Ports"/> and <see cref="Volumes"/> are parsed (see <see cref="Problems"/> for what could not be).
/// </summary>
internal sealed record ContainerArgs(
    string Name,
    string? Image,
    string State,
    IReadOnlyList<PortSpec>? Ports,
    IReadOnlyDictionary<string, string>? Env,
    IReadOnlyList<VolumeSpec>? Volumes,
    IReadOnlyList<string>? Networks,
    string? RestartPolicy,
    IReadOnlyList<string>? Command,
    bool Pull,
    bool Recreate)
{
    /// <summary>Argument errors found while binding, reported by Validate all at once.</summary>
    public IReadOnlyList<ArgError> Problems { get; init; } = [];

    public bool WantsRunning => State == "started";

    public static ContainerArgs From(
        string name, string? image, string state, IReadOnlyList<string>? ports, IReadOnlyDictionary<string, object?>? env, IReadOnlyList<string>? volumes,
        IReadOnlyList<string>? networks, string? restartPolicy, object? command, bool pull, bool recreate)
    {
        var problems = new List<ArgError>();
        return new ContainerArgs(
            name,
            image,
            state,
            ports?.Select(p => PortSpec.TryParse(p, out var error) ?? Problem(problems, "ports", error!)).OfType<PortSpec>().ToList(),
            env is null ? null : ParseEnv(env, problems),
            volumes?.Select(v => VolumeSpec.TryParse(v, out var error) ?? Problem(problems, "volumes", error!)).OfType<VolumeSpec>().ToList(),
            networks,
            restartPolicy,
            ParseCommand(command, problems),
            pull,
            recreate) { Problems = problems };
    }

    private static Dictionary<string, string> ParseEnv(IReadOnlyDictionary<string, object?> env, List<ArgError> problems)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in env)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal))
            {
                problems.Add(new ArgError("env", $"'{key}' is not a variable name"));
                continue;
            }

            switch (value)
            {
                case string s:
                    result[key] = s;
                    break;
                case long or double:
                    result[key] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
                    break;
                case bool b:
                    problems.Add(new ArgError("env", $"{key}: quote the value (\"{(b ? "true" : "false")}\", or \"yes\"/\"no\" as you meant it); YAML turned it into a boolean"));
                    break;
                default:
                    problems.Add(new ArgError("env", $"{key}: expected a string, got {PlainData.ToDisplayString(value)}"));
                    break;
            }
        }

        return result;
    }

    private static IReadOnlyList<string>? ParseCommand(object? command, List<ArgError> problems)
    {
        switch (command)
        {
            case null:
                return null;
            case string text:
                try
                {
                    return Seams.CommandLine.Split(text);
                }
                catch (Abstractions.ModuleException e)
                {
                    problems.Add(new ArgError("command", e.Message));
                    return null;
                }

            case IReadOnlyList<object?> list when list.All(i => i is string or long or double):
                return list.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)!).ToList();
            default:
                problems.Add(new ArgError("command", "expected a string or a list of strings"));
                return null;
        }
    }

    private static object? Problem(List<ArgError> problems, string argument, string message)
    {
        problems.Add(new ArgError(argument, message));
        return null;
    }
}
