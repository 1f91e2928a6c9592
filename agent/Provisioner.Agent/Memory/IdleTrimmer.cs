// Releases memory once the agent has been quiet for a moment after a run, never while a run is active.
namespace Provisioner.Agent.Memory;

internal sealed class IdleTrimmer : IDisposable
{
    private readonly Func<bool> _isIdle;
    private readonly Action _release;
    private readonly ITimer _timer;

    /// <param name="isIdle">true when no run is starting or running</param>
    /// <param name="release">the release itself (<see cref="IdleMemory.Release"/> in the agent)</param>
    /// <param name="quiet">how long after the last run the release waits: the run's last events are still being
    /// streamed to the controller and its connection closed</param>
    public IdleTrimmer(Func<bool> isIdle, Action release, TimeSpan quiet, TimeProvider time)
    {
        _isIdle = isIdle;
        _release = release;
        Quiet = quiet;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Quiet { get; }

    /// <summary>A run finished: release after <see cref="Quiet"/>, unless another run finishes first (then later).</summary>
    public void RunFinished() => _timer.Change(Quiet, Timeout.InfiniteTimeSpan);

    public void Dispose() => _timer.Dispose();

    private void Fire()
    {
        // A run that started meanwhile schedules another release when it finishes.
        if (_isIdle())
        {
            _release();
        }
    }
}
