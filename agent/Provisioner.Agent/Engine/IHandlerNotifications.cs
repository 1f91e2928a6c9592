namespace Provisioner.Agent.Engine;

/// <summary>Where handler notifications outlive a run: loaded at the start, recorded when made, cleared when honoured.</summary>
internal interface IHandlerNotifications
{
    /// <summary>Topics (handler names or listen topics) notified by earlier runs whose handlers have not run since.</summary>
    IReadOnlyList<string> LoadPending();

    /// <summary>Called the moment a changed task notifies, before any handler could run.</summary>
    void Notified(string topic, string runId, string taskId);

    /// <summary>Called after the handlers matching these topics ran successfully.</summary>
    void Honoured(IReadOnlyCollection<string> topics);
}
