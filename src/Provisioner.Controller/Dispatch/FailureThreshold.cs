using System.Globalization;
using Provisioner.Controller.Planning;

namespace Provisioner.Controller.Dispatch;

/// <summary>
/// Whether a batch's failures stop the run (Ansible's rules, checked when the batch has finished): with
/// <c>max_fail_percentage</c>, when failed hosts are more than that percentage of the batch (exceeded, not equalled:
/// 2 of 4 is 50% and does not exceed 50); with <c>any_errors_fatal</c>, on any failure; and always when every host of
/// the batch failed. Failed and unreachable hosts both count.
/// </summary>
public static class FailureThreshold
{
    /// <summary>The reason the run stops after this batch, or null when it goes on.</summary>
    public static string? Check(CompiledPlay play, int batchNumber, int batchSize, int failures)
    {
        ArgumentNullException.ThrowIfNull(play);
        if (failures == 0 || batchSize == 0)
        {
            return null;
        }

        var percent = failures * 100.0 / batchSize;
        var detail = string.Create(CultureInfo.InvariantCulture, $"{failures} of {batchSize} hosts in batch {batchNumber} failed ({percent:0.#}%)");
        if (play.AnyErrorsFatal)
        {
            return $"any_errors_fatal: {detail}";
        }

        if (play.MaxFailPercentage is { } max && percent > max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"max_fail_percentage {max:0.#}% exceeded: {detail}");
        }

        return failures == batchSize ? $"every host of batch {batchNumber} failed" : null;
    }
}
