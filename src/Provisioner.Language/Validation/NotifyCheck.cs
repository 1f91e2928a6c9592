using Provisioner.Core.Playbooks;

namespace Provisioner.Language.Validation;

/// <summary>Every <c>notify</c> must name a handler (by name or <c>listen</c> topic) of the play it runs in, roles' handlers included.</summary>
internal static class NotifyCheck
{
    public static void Run(Playbook playbook, DiagnosticBag diagnostics)
    {
        foreach (var play in playbook.Plays)
        {
            var roles = RoleExpansion.Expand(play, playbook.Roles).Select(a => a.Role).Distinct().ToList();
            var handlers = TaskWalker.Specs(play.Handlers.Concat(roles.SelectMany(r => r.Handlers))).ToList();
            var topics = handlers.Where(h => h.Name.Length > 0).Select(h => h.Name).Concat(handlers.SelectMany(h => h.Listen))
                .ToHashSet(StringComparer.Ordinal);
            var notifying = TaskWalker.Specs(play.PreTasks.Concat(play.Tasks).Concat(play.PostTasks)
                .Concat(roles.SelectMany(r => r.Tasks)))
                .Concat(handlers);
            foreach (var task in notifying)
            {
                foreach (var name in task.Notify.Where(n => !n.Contains("{{", StringComparison.Ordinal) && !topics.Contains(n)))
                {
                    var at = task.KeyLocations.GetValueOrDefault("notify") ?? task.Location;
                    var hint = topics.Count == 0 ? "; this play has no handlers" : DidYouMean.Suffix(name, topics);
                    diagnostics.Error(at, $"notify: no handler named '{name}'{hint}");
                }
            }
        }
    }
}
