using System.Text.Json;

namespace Provisioner.Controller.Reporting;

/// <summary><c>--output json</c>: every report as one JSON object per line, <c>type</c> first, flushed as it happens.</summary>
public sealed class JsonLinesReporter(TextWriter writer) : IRunReporter
{
    public void Report(ReportEvent report)
    {
        writer.WriteLine(Serialize(report));
        writer.Flush();
    }

    public static string Serialize(ReportEvent report) => JsonSerializer.Serialize(report, ReportJson.Context.ReportEvent);

    public static ReportEvent Deserialize(string line) =>
        JsonSerializer.Deserialize(line, ReportJson.Context.ReportEvent) ?? throw new JsonException("empty report line");
}
