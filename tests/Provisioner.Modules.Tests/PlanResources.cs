using System.Text;
using Provisioner.Core.Diagnostics;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Tests;

/// <summary>
/// Plan files and templates for tests. Templates are "rendered" by replacing <c>{{ name }}</c> with the value of a
/// variable: enough to show that modules compare the rendered text (the real renderer is tested with the templating project).
/// </summary>
internal sealed class PlanResources : ITaskResources
{
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Vars { get; } = new(StringComparer.Ordinal);

    public ReadOnlyMemory<byte> ReadPlanFile(string planPath) =>
        Files.TryGetValue(planPath, out var text) ? Encoding.UTF8.GetBytes(text) : throw new ProvisionerException($"plan file {planPath} is not in the plan");

    public string RenderTemplate(string planPath)
    {
        var text = Files.TryGetValue(planPath, out var t) ? t : throw new ProvisionerException($"template {planPath} is not in the plan");
        foreach (var (name, value) in Vars)
        {
            text = text.Replace("{{ " + name + " }}", Provisioner.Core.Data.PlainData.ToDisplayString(value), StringComparison.Ordinal);
        }

        return text;
    }

    public object? Evaluate(string expression) =>
        Vars.TryGetValue(expression.Trim(), out var value) ? value : throw new ProvisionerException($"undefined variable {expression}");
}
