using System.Text;
using Provisioner.Core.Data;
using Provisioner.Core.Playbooks;

namespace Provisioner.Language.Playbooks;

/// <summary>
/// A compact text listing of a playbook as it will run: each play, its roles expanded (dependencies first) and every
/// task with its source position. Printed by <c>prov syntax-check --list-tasks</c>; also the form good test cases are compared in.
/// </summary>
public static class PlaybookOutline
{
    public static string Render(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var sb = new StringBuilder();
        foreach (var play in playbook.Plays)
        {
            sb.Append("play ").Append(Quote(play.Name)).Append(" hosts=").Append(play.HostPattern);
            AppendIf(sb, "serial", play.Serial.Count > 0 ? $"[{string.Join(", ", play.Serial)}]" : null);
            AppendIf(sb, "max_fail_percentage", play.MaxFailPercentage?.ToString());
            AppendIf(sb, "gather_facts", play.GatherFacts ? null : "false");
            AppendIf(sb, "become", play.Become?.ToString().ToLowerInvariant());
            AppendIf(sb, "become_user", play.BecomeUser);
            AppendIf(sb, "tags", Join(play.Tags));
            sb.Append(" @").Append(play.Location).Append('\n');
            if (play.Vars.Count > 0)
            {
                sb.Append("  vars: ").Append(PlainData.ToDisplayString(play.Vars)).Append('\n');
            }

            foreach (var file in play.VarsFiles)
            {
                sb.Append("  vars_file ").Append(file.ResolvedPath ?? file.Path).Append(": ").Append(PlainData.ToDisplayString(file.Vars)).Append('\n');
            }

            Section(sb, "pre_tasks", play.PreTasks);
            foreach (var application in RoleExpansion.Expand(play, playbook.Roles))
            {
                var role = application.Role;
                sb.Append("  role ").Append(role.Name).Append(" (").Append(role.Directory).Append(')');
                AppendIf(sb, "via", application.IsDependency ? string.Join(" > ", application.Via.Select(v => v.Name)) : null);
                AppendIf(sb, "vars", application.Ref.Vars.Count > 0 ? PlainData.ToDisplayString(application.Ref.Vars) : null);
                AppendIf(sb, "when", Join(application.Ref.When));
                AppendIf(sb, "tags", Join(application.Ref.Tags));
                sb.Append(" @").Append(application.Ref.Location).Append('\n');
                if (role.Defaults.Count > 0)
                {
                    sb.Append("    defaults: ").Append(PlainData.ToDisplayString(role.Defaults)).Append('\n');
                }

                if (role.Vars.Count > 0)
                {
                    sb.Append("    vars: ").Append(PlainData.ToDisplayString(role.Vars)).Append('\n');
                }

                Nodes(sb, role.Tasks, "    ");
            }

            Section(sb, "tasks", play.Tasks);
            Section(sb, "post_tasks", play.PostTasks);
            Section(sb, "handlers", play.Handlers);
            foreach (var role in RoleExpansion.Expand(play, playbook.Roles).Select(a => a.Role).Distinct().Where(r => r.Handlers.Count > 0))
            {
                sb.Append("  handlers of role ").Append(role.Name).Append('\n');
                Nodes(sb, role.Handlers, "    ");
            }
        }

        return sb.ToString();
    }

    private static void Section(StringBuilder sb, string title, IReadOnlyList<TaskNode> nodes)
    {
        if (nodes.Count > 0)
        {
            sb.Append("  ").Append(title).Append('\n');
            Nodes(sb, nodes, "    ");
        }
    }

    private static void Nodes(StringBuilder sb, IReadOnlyList<TaskNode> nodes, string indent)
    {
        foreach (var node in nodes)
        {
            sb.Append(indent).Append(node.Location).Append(' ');
            switch (node)
            {
                case TaskSpec task:
                    sb.Append(task.Module);
                    if (task.Name.Length > 0)
                    {
                        sb.Append(' ').Append(Quote(task.Name));
                    }

                    if (task.Args.Count > 0)
                    {
                        sb.Append(' ').Append(PlainData.ToDisplayString(task.Args));
                    }

                    Keywords(sb, node);
                    AppendIf(sb, "loop", task.Loop is null ? null : PlainData.ToDisplayString(task.Loop));
                    AppendIf(sb, "loop_var", task.LoopControl?.LoopVar is { } v && v != "item" ? v : null);
                    AppendIf(sb, "index_var", task.LoopControl?.IndexVar);
                    AppendIf(sb, "label", task.LoopControl?.Label);
                    AppendIf(sb, "register", task.Register);
                    AppendIf(sb, "notify", Join(task.Notify));
                    AppendIf(sb, "listen", Join(task.Listen));
                    AppendIf(sb, "changed_when", Join(task.ChangedWhen));
                    AppendIf(sb, "failed_when", Join(task.FailedWhen));
                    AppendIf(sb, "timeout", task.TimeoutSeconds?.ToString());
                    AppendIf(sb, "retries", task.Retries?.ToString());
                    AppendIf(sb, "until", task.Until);
                    AppendIf(sb, "delay", task.DelaySeconds?.ToString());
                    sb.Append('\n');
                    break;
                case BlockSpec block:
                    sb.Append(block.ImportKeyword is null ? "block" : $"{block.ImportKeyword} {block.ImportedFrom}");
                    if (block.Name.Length > 0)
                    {
                        sb.Append(' ').Append(Quote(block.Name));
                    }

                    Keywords(sb, node);
                    sb.Append('\n');
                    Nodes(sb, block.Block, indent + "  ");
                    if (block.Rescue.Count > 0)
                    {
                        sb.Append(indent).Append("rescue\n");
                        Nodes(sb, block.Rescue, indent + "  ");
                    }

                    if (block.Always.Count > 0)
                    {
                        sb.Append(indent).Append("always\n");
                        Nodes(sb, block.Always, indent + "  ");
                    }

                    break;
            }
        }
    }

    private static void Keywords(StringBuilder sb, TaskNode node)
    {
        AppendIf(sb, "when", Join(node.When));
        AppendIf(sb, "tags", Join(node.Tags));
        AppendIf(sb, "vars", node.Vars.Count > 0 ? PlainData.ToDisplayString(node.Vars) : null);
        AppendIf(sb, "become", node.Become?.ToString().ToLowerInvariant());
        AppendIf(sb, "become_user", node.BecomeUser);
        AppendIf(sb, "ignore_errors", node.IgnoreErrors?.ToString().ToLowerInvariant());
        AppendIf(sb, "no_log", node.NoLog?.ToString().ToLowerInvariant());
        AppendIf(sb, "run_once", node.RunOnce?.ToString().ToLowerInvariant());
        AppendIf(sb, "delegate_to", node.DelegateTo);
    }

    private static void AppendIf(StringBuilder sb, string key, string? value)
    {
        if (value is not null)
        {
            sb.Append(' ').Append(key).Append('=').Append(value);
        }
    }

    private static string? Join(IReadOnlyList<string> items) => items.Count == 0 ? null : $"[{string.Join(", ", items)}]";

    private static string Quote(string text) => $"\"{text}\"";
}
