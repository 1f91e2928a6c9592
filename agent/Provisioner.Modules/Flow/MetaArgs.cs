namespace Provisioner.Modules.Flow;

/// <summary>meta: the action (flush_handlers, noop).</summary>
internal sealed record MetaArgs(string Action);
