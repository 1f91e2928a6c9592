using Provisioner.Core.Schema;

namespace Provisioner.Language.Playbooks;

/// <summary>Maps a task's module key (plain name, alias, or a supported Ansible collection prefix) to a module schema.</summary>
internal static class ModuleNames
{
    /// <summary>Collection prefixes accepted for Ansible compatibility; the rest of the name must be one of our modules.</summary>
    public static readonly IReadOnlyList<string> AcceptedPrefixes = ["ansible.builtin.", "ansible.legacy.", "ansible.posix.", "community.docker.", "community.general."];

    public static ModuleSchema? Resolve(IModuleSchemaCatalog catalog, string key)
    {
        if (catalog.Find(key) is { } schema)
        {
            return schema;
        }

        foreach (var prefix in AcceptedPrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
            {
                return catalog.Find(key[prefix.Length..]);
            }
        }

        return null;
    }

    /// <summary>Every name a module may be written as, for "did you mean" suggestions.</summary>
    public static IEnumerable<string> AllNames(IModuleSchemaCatalog catalog) =>
        catalog.All.SelectMany(s => s.Aliases.Prepend(s.Name));

    /// <summary>The part after a collection prefix, so that "ansible.builtin.servce" suggests "service".</summary>
    public static string ShortName(string key)
    {
        var dot = key.LastIndexOf('.');
        return dot >= 0 && dot < key.Length - 1 ? key[(dot + 1)..] : key;
    }
}
