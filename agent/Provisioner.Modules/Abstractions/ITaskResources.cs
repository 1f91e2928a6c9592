namespace Provisioner.Modules.Abstractions;

/// <summary>What a task can reach besides its arguments: files shipped in the plan and the template renderer.</summary>
public interface ITaskResources
{
    /// <summary>Bytes of a file shipped with the plan (a role's files/ or templates/), by plan path; a missing file throws <see cref="Core.Diagnostics.ProvisionerException"/>.</summary>
    ReadOnlyMemory<byte> ReadPlanFile(string planPath);

    /// <summary>
    /// Renders a shipped Scriban template with the task's variables and the host's facts, in the sandbox.
    /// A template that fails to render throws a <see cref="Core.Diagnostics.ProvisionerException"/> saying where.
    /// </summary>
    string RenderTemplate(string planPath);

    /// <summary>
    /// Evaluates an expression written without braces (an <c>assert</c> condition, a <c>debug var</c>) with the task's
    /// variables and the host's facts, in the sandbox; returns plain data. An expression that fails throws a
    /// <see cref="Core.Diagnostics.ProvisionerException"/> saying why.
    /// </summary>
    object? Evaluate(string expression) =>
        throw new ModuleException($"this task runner cannot evaluate expressions for modules ('{expression}')");
}
