using Microsoft.Data.Sqlite;
using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.History;

/// <summary>
/// Records a run's reports in the history as they happen. A history that cannot be written must not stop the
/// run: the first error is kept in <see cref="Error"/> (for the CLI to warn about) and recording stops.
/// </summary>
public sealed class HistoryRecorder(HistoryStore store) : IRunReporter
{
    private string? _runId;

    public string? Error { get; private set; }

    public void Report(ReportEvent report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report is RunStartedReport started)
        {
            _runId = started.RunId;
        }

        if (_runId is null || Error is not null)
        {
            return;
        }

        try
        {
            store.Append(_runId, report);
        }
        catch (SqliteException ex)
        {
            Error = $"the run history could not be written ({ex.Message}); this run is not recorded from here on";
        }
    }
}
