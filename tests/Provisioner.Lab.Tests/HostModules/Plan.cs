using System.Text.Json.Nodes;

namespace Provisioner.Lab.Tests.HostModules;

/// <summary>A HostPlan in protobuf JSON, as <c>prov-agent run-plan</c> reads it: tasks with their module and arguments, and shipped files.</summary>
internal sealed class Plan(string host, string play)
{
    private readonly JsonArray _tasks = [];
    private readonly JsonObject _files = [];

    public Plan Task(string name, string module, JsonObject args)
    {
        _tasks.Add(new JsonObject { ["id"] = $"{play}.yml:{_tasks.Count + 1}:3", ["name"] = name, ["module"] = module, ["args"] = args });
        return this;
    }

    /// <summary>A file shipped with the plan (a role's files/), by plan path.</summary>
    public Plan File(string planPath, byte[] content)
    {
        _files[planPath] = Convert.ToBase64String(content);
        return this;
    }

    public string ToJson() =>
        new JsonObject { ["host"] = host, ["play"] = play, ["tasks"] = _tasks.DeepClone(), ["files"] = _files.DeepClone() }.ToJsonString();
}
