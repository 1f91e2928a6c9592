// meta: steers the run itself; flush_handlers runs the handlers notified so far at this point of the play.
using Provisioner.Core.Data;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Flow;

internal sealed class MetaModule : IActionModule<MetaArgs>
{
    public const string FlushHandlers = "flush_handlers";
    public const string Noop = "noop";

    public static ModuleSchema Schema { get; } = new(
        "meta",
        "Steer the run: `flush_handlers` runs the handlers notified so far here rather than at the end of the play.",
        [
            new ArgSpec("free_form", ArgType.String,
                "The action: `flush_handlers` (run every handler notified so far, in handler order, then go on with the next task) or `noop` (do nothing).")
            {
                Required = true,
                Choices = [FlushHandlers, Noop],
            },
        ])
    {
        FreeForm = "free_form",
        IsAction = true,
        Description = "A handler that ran at a flush is forgotten: notified again by a later task, it runs again at the end of the play "
            + "(or at the next flush). If a handler fails, the play stops there and the notifications not yet honoured stay pending "
            + "for the next run, as at the end of a play. `when` applies (a false condition skips the flush). In a handler, "
            + "`flush_handlers` does nothing: handlers are already running. Ansible's other meta actions (`end_play`, `end_host`, "
            + "`refresh_inventory`, `clear_facts` ...) are not supported and are refused when the playbook is checked.",
        Examples =
        [
            new ModuleExample("After the task that changed postgresql.conf (notify: restart postgresql), before the tasks that need the new settings", """
                - meta: flush_handlers
                """),
        ],
        Returns =
        [
            new ReturnSpec("action", "string", "The action done: `flush_handlers` or `noop`."),
        ],
    };

    ModuleSchema IActionModule<MetaArgs>.Schema => Schema;

    public MetaArgs Bind(ModuleArgs args) => new(args.String("free_form") ?? string.Empty);

    public IReadOnlyList<ArgError> Validate(MetaArgs args) => [];

    public Task<ModuleOutcome> RunAsync(MetaArgs args, bool check, CancellationToken ct)
    {
        var returns = PlainData.NewMap();
        returns["action"] = args.Action;
        return Task.FromResult(new ModuleOutcome { Returns = returns, FlushHandlers = args.Action == FlushHandlers });
    }
}
