using System.Text;
using Provisioner.Controller.Planning;
using Provisioner.Core.Data;
using Provisioner.Core.Plans;

namespace Provisioner.Controller.Tests.Planning;

/// <summary>A stable text form of compiled plans, for case files: per play its hosts, per host its variables, secrets, files and tasks.</summary>
internal static class PlanDump
{
    public static string Render(CompiledPlaybook playbook, Func<CompiledPlay, string, HostPlan> finished, string part, string caseDirectory)
    {
        var sb = new StringBuilder();
        foreach (var play in playbook.Plays)
        {
            sb.Append($"play {play.Index} \"{play.Name}\" hosts=[{string.Join(", ", play.Hosts)}]");
            if (play.Serial.Count > 0)
            {
                sb.Append($" serial=[{string.Join(", ", play.Serial)}]");
            }

            sb.Append($" uses_hostvars={Lower(play.UsesHostVars)} run_once={Lower(play.HasRunOnce)}\n");
            string? firstTasks = null;
            string? firstHost = null;
            foreach (var host in play.Hosts)
            {
                var plan = finished(play, host);
                sb.Append($"  host {host}\n");
                if (part is "full" or "vars")
                {
                    sb.Append("    vars:\n");
                    foreach (var (name, value) in plan.Vars.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    {
                        var text = PlainData.ToDisplayString(value).Replace(caseDirectory, "<case>", StringComparison.Ordinal);
                        sb.Append($"      {name}: {text}\n");
                    }

                    if (plan.ExtraVars.Count > 0)
                    {
                        sb.Append($"    extra_vars: {PlainData.ToDisplayString(plan.ExtraVars)}\n");
                    }
                }

                if (part is "full" or "secrets")
                {
                    sb.Append($"    secret_vars: [{string.Join(", ", plan.SecretVars)}]\n");
                }

                if (part is "full" or "tasks")
                {
                    var tasks = Tasks(plan);
                    if (firstTasks == tasks)
                    {
                        sb.Append($"    tasks, handlers and files: as for {firstHost}\n");
                    }
                    else
                    {
                        sb.Append(tasks);
                        firstTasks ??= tasks;
                        firstHost ??= host;
                    }
                }
            }
        }

        return sb.ToString();
    }

    private static string Tasks(HostPlan plan)
    {
        var sb = new StringBuilder();
        sb.Append($"    check={Lower(plan.Check)} diff={Lower(plan.Diff)} gather_facts={Lower(plan.GatherFacts)}\n");
        foreach (var (path, bytes) in plan.Files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append($"    file {path}: {Encoding.UTF8.GetString(bytes.Span).ReplaceLineEndings("⏎")}\n");
        }

        sb.Append("    tasks:\n");
        Task(sb, plan.Tasks, "      ");
        if (plan.Handlers.Count > 0)
        {
            sb.Append("    handlers:\n");
            Task(sb, plan.Handlers, "      ");
        }

        return sb.ToString();
    }

    private static void Task(StringBuilder sb, IReadOnlyList<PlanTask> tasks, string indent)
    {
        foreach (var t in tasks)
        {
            sb.Append(indent).Append(t.Id).Append(' ').Append(t.IsBlock ? "block" : t.Module);
            if (t.Name.Length > 0)
            {
                sb.Append($" \"{t.Name}\"");
            }

            if (t.Args.Count > 0)
            {
                sb.Append(' ').Append(PlainData.ToDisplayString(t.Args));
            }

            Add(sb, "role", t.Role);
            Add(sb, "when", t.When.Count > 0 ? $"[{string.Join(", ", t.When)}]" : null);
            Add(sb, "vars", t.Vars.Count > 0 ? PlainData.ToDisplayString(t.Vars) : null);
            Add(sb, "loop", t.Loop is null ? null : PlainData.ToDisplayString(t.Loop));
            Add(sb, "register", t.Register);
            Add(sb, "notify", t.Notify.Count > 0 ? $"[{string.Join(", ", t.Notify)}]" : null);
            Add(sb, "listen", t.Listen.Count > 0 ? $"[{string.Join(", ", t.Listen)}]" : null);
            Add(sb, "become_user", t.BecomeUser);
            Add(sb, "become", t.Become ? "true" : null);
            Add(sb, "no_log", t.NoLog ? "true" : null);
            Add(sb, "ignore_errors", t.IgnoreErrors ? "true" : null);
            Add(sb, "run_once", t.RunOnce ? "true" : null);
            sb.Append('\n');
            Task(sb, t.Block, indent + "  ");
            if (t.Rescue.Count > 0)
            {
                sb.Append(indent).Append("rescue\n");
                Task(sb, t.Rescue, indent + "  ");
            }

            if (t.Always.Count > 0)
            {
                sb.Append(indent).Append("always\n");
                Task(sb, t.Always, indent + "  ");
            }
        }
    }

    private static void Add(StringBuilder sb, string key, string? value)
    {
        if (value is not null)
        {
            sb.Append(' ').Append(key).Append('=').Append(value);
        }
    }

    private static string Lower(bool value) => value ? "true" : "false";
}
