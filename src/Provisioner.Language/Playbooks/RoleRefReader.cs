using Provisioner.Core.Data;
using Provisioner.Core.Playbooks;
using Provisioner.Language.Validation;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Playbooks;

/// <summary>Reads a role reference: a name, or a mapping with <c>role:</c> plus vars, tags, when and role parameters.</summary>
internal sealed class RoleRefReader(LoadContext context)
{
    public RoleRef? Read(YNode node)
    {
        switch (node)
        {
            case YScalar { Value: string name } s:
                return NameIsUsable(s, name) ? new RoleRef { Location = node.Location, Name = name } : null;
            case YMapping map:
                return ReadMapping(map);
            default:
                context.Diagnostics.Error(node.Location, $"a role must be a name or a mapping with 'role:', not {ValueReader.Describe(node)}");
                return null;
        }
    }

    private RoleRef? ReadMapping(YMapping map)
    {
        var values = context.Values;
        YScalar? nameKey = null;
        string? name = null;
        var vars = PlainData.NewMap();
        var reference = new RoleRef { Location = map.Location, Name = string.Empty };
        foreach (var (key, value) in map.Entries)
        {
            switch (key.Text)
            {
                case "role" or "name":
                    if (nameKey is not null)
                    {
                        context.Diagnostics.Error(key.Location, $"'{key.Text}' and '{nameKey.Text}' both name the role; use 'role:' only");
                        break;
                    }

                    nameKey = key;
                    name = values.String(key.Text, value, template: false);
                    if (name is not null && !NameIsUsable(value, name))
                    {
                        name = null;
                    }

                    break;
                case "vars":
                    foreach (var (k, v) in values.Vars("vars", value))
                    {
                        vars[k] = v;
                    }

                    break;
                case "tags":
                    reference = reference with { Tags = values.StringList("tags", value, splitCommas: true) };
                    break;
                case "when":
                    reference = reference with { When = values.Conditions("when", value) };
                    break;
                case "become":
                    reference = reference with { Become = values.Bool("become", value) };
                    break;
                case "become_user":
                    reference = reference with { BecomeUser = values.String("become_user", value) };
                    break;
                default:
                    AddParameter(key, value, vars);
                    break;
            }
        }

        if (nameKey is null)
        {
            context.Diagnostics.Error(map.Location, "role entry has no 'role:' naming the role");
            return null;
        }

        return name is null ? null : reference with { Name = name, Vars = vars };
    }

    /// <summary>As in Ansible, other keys are role parameters; one that looks like a misspelt keyword is flagged.</summary>
    private void AddParameter(YScalar key, YNode value, OrderedDictionary<string, object?> vars)
    {
        if (!ValueReader.IsIdentifier(key.Text))
        {
            context.Diagnostics.Error(key.Location, $"'{key.Text}' is neither a role keyword nor a valid variable name");
            return;
        }

        if (DidYouMean.Closest(key.Text, Keywords.RoleRef) is { } keyword)
        {
            context.Diagnostics.Warning(key.Location, $"role parameter '{key.Text}' looks like the keyword '{keyword}'; put role variables under vars:");
        }

        context.DefinedNames.Add(key.Text);
        context.AddTemplates(value);
        vars[key.Text] = YamlConvert.ToPlain(value);
    }

    private bool NameIsUsable(YNode node, string name)
    {
        if (name.Contains("{{", StringComparison.Ordinal))
        {
            context.Diagnostics.Error(node.Location, "templated role names are not supported; name the role literally");
            return false;
        }

        if (name.Trim().Length == 0)
        {
            context.Diagnostics.Error(node.Location, "role name is empty");
            return false;
        }

        return true;
    }
}
