// What a module can reach besides its arguments: the plan's files and the template engine, with the task's variables.
using System.Text;
using Provisioner.Modules.Abstractions;
using Provisioner.Templating;

namespace Provisioner.Agent.Engine;

internal sealed class TaskResources : ITaskResources
{
    private readonly IReadOnlyDictionary<string, ReadOnlyMemory<byte>> _files;
    private readonly TemplateEngine _templates;
    private readonly IVariableScope _scope;

    public TaskResources(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files, TemplateEngine templates, IVariableScope scope)
    {
        _files = files;
        _templates = templates;
        _scope = scope;
    }

    public ReadOnlyMemory<byte> ReadPlanFile(string planPath) =>
        _files.TryGetValue(planPath, out var bytes)
            ? bytes
            : throw new ModuleException(
                $"the plan carries no file '{planPath}' ({_files.Count} files shipped); the controller ships a role's "
                + "files/ and templates/ by their path in the project: check the src path");

    public string RenderTemplate(string planPath) =>
        _templates.RenderText(Encoding.UTF8.GetString(ReadPlanFile(planPath).Span), _scope, planPath);

    public object? Evaluate(string expression) => _templates.Evaluate(expression, _scope);
}
