using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Variables;

/// <summary>
/// One map of variables at one level. <paramref name="Origin"/> says where it came from for messages
/// ("group_vars/web.yml", "play 'Web servers'"); <see cref="Locations"/> optionally gives each variable's position.
/// </summary>
public sealed record VarSource(VarLayer Layer, IReadOnlyDictionary<string, object?> Values, string Origin)
{
    public IReadOnlyDictionary<string, SourceLocation>? Locations { get; init; }
}
