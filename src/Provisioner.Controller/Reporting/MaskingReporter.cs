namespace Provisioner.Controller.Reporting;

/// <summary>Masks every text of every report with <see cref="SecretMasker"/> before handing it on.</summary>
public sealed class MaskingReporter(SecretMasker masker, IRunReporter inner) : IRunReporter
{
    public void Report(ReportEvent report)
    {
        ArgumentNullException.ThrowIfNull(report);
        inner.Report(masker.IsEmpty ? report : Mask(report));
    }

    private ReportEvent Mask(ReportEvent report) => report switch
    {
        TaskStartedReport t => t with { Name = masker.MaskText(t.Name) },
        TaskResultReport r => r with
        {
            Name = masker.MaskText(r.Name),
            Message = masker.MaskText(r.Message),
            Item = r.Item is null ? null : masker.MaskText(r.Item),
            Diff = r.Diff.Select(masker.MaskDiff).ToList(),
            Result = masker.MaskValue(r.Result),
        },
        HostLogReport l => l with { Text = masker.MaskText(l.Text) },
        HostFailedReport f => f with { Message = masker.MaskText(f.Message) },
        HostUnreachableReport u => u with { Message = masker.MaskText(u.Message) },
        FactsReport f => f with { Message = masker.MaskText(f.Message) },
        HostRunCompletedReport c => c with { Message = masker.MaskText(c.Message) },
        _ => report,
    };
}
