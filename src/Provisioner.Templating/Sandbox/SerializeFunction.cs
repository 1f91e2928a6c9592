// to_json(value) and to_yaml(value): plain data as text, e.g. for config files rendered from variables.
using Scriban.Runtime;
using Scriban.Syntax;

namespace Provisioner.Templating.Sandbox;

internal sealed class SerializeFunction : SandboxFunction
{
    private readonly bool _yaml;

    private SerializeFunction(bool yaml)
        : base(1, new ScriptParameterInfo(typeof(object), "value"), new ScriptParameterInfo(typeof(object), "indent", false))
    {
        _yaml = yaml;
    }

    public static SerializeFunction Json { get; } = new(yaml: false);

    public static SerializeFunction Yaml { get; } = new(yaml: true);

    protected override string Name => _yaml ? "to_yaml" : "to_json";

    protected override object? Call(SandboxContext context, ScriptNode? caller, ScriptArray arguments)
    {
        var plain = ScriptData.ToPlain(arguments[0]);
        if (_yaml)
        {
            return PlainSerializer.ToYaml(plain);
        }

        var indented = arguments.Count > 1 && context.ToBool(caller?.Span ?? default, arguments[1]);
        return PlainSerializer.ToJson(plain, indented);
    }
}
