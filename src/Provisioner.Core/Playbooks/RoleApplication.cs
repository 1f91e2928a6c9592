namespace Provisioner.Core.Playbooks;

/// <summary>One role applied in a play: the role, the reference that applied it, and the chain of roles that pulled it in as a dependency.</summary>
public sealed record RoleApplication(Role Role, RoleRef Ref, IReadOnlyList<RoleRef> Via)
{
    public bool IsDependency => Via.Count > 0;
}
