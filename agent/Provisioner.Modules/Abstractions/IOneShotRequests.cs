namespace Provisioner.Modules.Abstractions;

/// <summary>
/// Implemented by a state module some of whose requests are one-shot actions (restart a service, recreate a
/// container): such a request is in the diff every time it is asked for, so after Apply the engine checks convergence
/// against the arguments without it. The change is still reported, and still predicted in check mode.
/// </summary>
public interface IOneShotRequests<TArgs>
    where TArgs : class
{
    /// <summary>The arguments with every one-shot request replaced by the state it leaves behind (restarted → started).</summary>
    TArgs Settled(TArgs args);
}
