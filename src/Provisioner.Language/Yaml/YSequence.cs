using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Yaml;

public sealed record YSequence(SourceLocation Location, IReadOnlyList<YNode> Items) : YNode(Location)
{
    public override string KindName => "a list";
}
