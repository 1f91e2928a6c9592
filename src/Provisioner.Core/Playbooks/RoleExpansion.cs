using Provisioner.Core.Data;

namespace Provisioner.Core.Playbooks;

/// <summary>
/// Orders a play's roles as they run: each role's dependencies first (depth first), a role applied again with the
/// same parameters runs once unless its meta says <c>allow_duplicates</c>. Cycles were reported by the loader and are cut here.
/// </summary>
public static class RoleExpansion
{
    public static IReadOnlyList<RoleApplication> Expand(Play play, IReadOnlyDictionary<string, Role> roles)
    {
        ArgumentNullException.ThrowIfNull(play);
        ArgumentNullException.ThrowIfNull(roles);
        var result = new List<RoleApplication>();
        var stack = new List<RoleRef>();
        foreach (var reference in play.Roles)
        {
            Visit(reference, roles, stack, result);
        }

        return result;
    }

    private static void Visit(RoleRef reference, IReadOnlyDictionary<string, Role> roles, List<RoleRef> stack, List<RoleApplication> result)
    {
        if (!roles.TryGetValue(reference.Name, out var role) || stack.Any(r => r.Name == reference.Name))
        {
            return;
        }

        // A role already applied with the same parameters is skipped whole, dependencies included.
        var duplicate = result.Any(a => a.Role.Name == role.Name && PlainData.DeepEquals(a.Ref.Vars, reference.Vars));
        if (duplicate && !role.AllowDuplicates)
        {
            return;
        }

        var via = stack.ToList();
        stack.Add(reference);
        foreach (var dependency in role.Dependencies)
        {
            Visit(dependency, roles, stack, result);
        }

        stack.RemoveAt(stack.Count - 1);
        result.Add(new RoleApplication(role, reference, via));
    }
}
