// What a no_log task shows: that it ran and how it ended, none of its values.
using Provisioner.Core.Data;
using Provisioner.Core.Runs;

namespace Provisioner.Agent.Engine;

internal static class NoLog
{
    public const string Hidden = "output hidden by no_log";

    public static TaskResult Censor(TaskResult result)
    {
        var censored = PlainData.NewMap();
        censored["censored"] = Hidden;
        if (result.Result is IReadOnlyDictionary<string, object?> map)
        {
            foreach (var key in new[] { "changed", "failed", "skipped" })
            {
                if (map.TryGetValue(key, out var flag) && flag is bool)
                {
                    censored[key] = flag;
                }
            }
        }

        return result with
        {
            Message = result.Message.Length == 0 ? string.Empty : Hidden,
            Diff = result.Diff.Select(d => d with { Before = SecretMasker.Mask, After = SecretMasker.Mask }).ToList(),
            Result = censored,
            Item = result.Item is null ? null : SecretMasker.Mask,
        };
    }
}
