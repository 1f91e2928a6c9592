// What is being evaluated, for messages: a template file (positions are file positions) or a described value/expression;
// ResolvingVariable marks the evaluation of a templated variable's own value.
namespace Provisioner.Templating.Sandbox;

internal readonly record struct Where(string? Origin, bool OriginIsFile, bool IsExpression, bool ResolvingVariable = false)
{
    public string Noun => IsExpression ? "expression" : "template";

    public string Describe(int line, int column)
    {
        if (OriginIsFile && Origin is not null)
        {
            return line > 0 ? $"{Origin}:{line}:{column}" : Origin;
        }

        var position = line > 0 ? $"{Noun} {line}:{column}" : Noun;
        return Origin is null ? position : $"{Origin} ({position})";
    }
}
