namespace Provisioner.Controller.Reporting;

/// <summary>Counts PLAY RECAP from the events, per host in the order hosts first appear. Not thread-safe: fed in order.</summary>
public sealed class RecapCounter : IRunReporter
{
    private readonly Dictionary<string, HostRecap> _hosts = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public IReadOnlyList<HostRecap> Recap => _order.Select(h => _hosts[h]).ToList();

    public HostRecap For(string host) => _hosts.TryGetValue(host, out var recap) ? recap : new HostRecap(host);

    public void Report(ReportEvent report)
    {
        switch (report)
        {
            case FactsReport { Status: StatusNames.Ok } f:
                Update(f.Host, r => r with { Ok = r.Ok + 1 });
                break;
            case FactsReport { Status: StatusNames.Unreachable } f:
                Update(f.Host, r => r with { Unreachable = 1 });
                break;
            case FactsReport f:
                Update(f.Host, r => r with { Failed = r.Failed + 1 });
                break;
            case TaskResultReport { Item: null } t:
                Update(t.Host, r => Count(r, t.Status));
                break;
            case HostUnreachableReport u:
                Update(u.Host, r => r with { Unreachable = 1 });
                break;
            case HostFailedReport f:
                Update(f.Host, r => r with { Failed = r.Failed + 1 });
                break;
            case PlayStartedReport p:
                foreach (var host in p.Hosts)
                {
                    Update(host, r => r);
                }

                break;
        }
    }

    private static HostRecap Count(HostRecap r, string status) => status switch
    {
        StatusNames.Ok => r with { Ok = r.Ok + 1 },
        StatusNames.Changed => r with { Ok = r.Ok + 1, Changed = r.Changed + 1 },
        StatusNames.Failed => r with { Failed = r.Failed + 1 },
        StatusNames.Skipped => r with { Skipped = r.Skipped + 1 },
        StatusNames.Rescued => r with { Rescued = r.Rescued + 1 },
        StatusNames.Ignored => r with { Ok = r.Ok + 1, Ignored = r.Ignored + 1 },
        _ => r,
    };

    private void Update(string host, Func<HostRecap, HostRecap> change)
    {
        if (!_hosts.TryGetValue(host, out var recap))
        {
            recap = new HostRecap(host);
            _order.Add(host);
        }

        _hosts[host] = change(recap);
    }
}
