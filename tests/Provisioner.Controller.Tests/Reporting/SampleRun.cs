using Provisioner.Controller.Reporting;
using Provisioner.Core.Data;
using Provisioner.Core.Runs;

namespace Provisioner.Controller.Tests.Reporting;

/// <summary>A run's reports covering every kind of line the text output has.</summary>
internal static class SampleRun
{
    public static IReadOnlyList<ReportEvent> Reports()
    {
        var t0 = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var result = PlainData.NewMap();
        result["changed"] = true;
        result["dest"] = "/etc/nginx/nginx.conf";
        var debug = PlainData.NewMap();
        debug["msg"] = "primary is db1";
        return
        [
            new RunStartedReport("01JRUN", "site.yml", "ops", Check: false, Diff: true, ["web1", "web2", "web3"]) { Time = t0 },
            new PlayStartedReport(0, "Web servers", ["web1", "web2", "web3"]),
            new FactsReport("web1", "ok", string.Empty),
            new FactsReport("web2", "ok", string.Empty),
            new FactsReport("web3", "unreachable", "connection to 10.0.0.3:7443 refused"),
            new TaskStartedReport("web1", 0, "roles/nginx/tasks/main.yml:1:3", "install nginx", "nginx", false),
            new TaskResultReport("web1", 0, "roles/nginx/tasks/main.yml:1:3", "install nginx", "changed") { Role = "nginx", Module = "apt" },
            new TaskResultReport("web2", 0, "roles/nginx/tasks/main.yml:1:3", "install nginx", "ok") { Role = "nginx", Module = "apt" },
            new TaskResultReport("web1", 0, "roles/nginx/tasks/main.yml:5:3", "configure", "changed")
            {
                Role = "nginx",
                Module = "template",
                Result = result,
                Diff =
                [
                    new DiffEntry("content", "user www-data;\nworker_processes 1;\nevents {}\n", "user www-data;\nworker_processes 4;\nevents {}\n") { Path = "/etc/nginx/nginx.conf" },
                    new DiffEntry("mode", "0644", "0640") { Path = "/etc/nginx/nginx.conf" },
                ],
            },
            new HostLogReport("web1", 0, "roles/nginx/tasks/main.yml:5:3", "warning", "notify 'reload': no handler of this play has that name"),
            new HostLogReport("web1", 0, "roles/nginx/tasks/main.yml:5:3", "info", "only shown with -v"),
            new TaskResultReport("web2", 0, "site.yml:12:7", "users", "changed") { Module = "user", Item = "alice" },
            new TaskResultReport("web2", 0, "site.yml:12:7", "users", "ok") { Module = "user", Item = "bob" },
            new TaskResultReport("web2", 0, "site.yml:12:7", "users", "skipped") { Module = "user", Item = "carol" },
            new TaskResultReport("web2", 0, "site.yml:12:7", "users", "changed") { Module = "user", Message = "All items completed" },
            new TaskResultReport("web2", 0, "site.yml:20:7", "only on debian", "skipped") { Module = "command", Message = "Conditional result was False" },
            new TaskResultReport("web2", 0, "site.yml:24:7", "show primary", "ok") { Module = "debug", Result = debug },
            new TaskResultReport("web1", 0, "site.yml:28:7", "optional", "ignored") { Module = "command", Message = "non-zero return code 1" },
            new TaskResultReport("web1", 0, "site.yml:31:11", "migrate", "rescued") { Module = "command", Message = "failed, handed to rescue: exit 3" },
            new TaskResultReport("web2", 0, "site.yml:40:7", "start app", "failed") { Module = "service", Message = "unit shop.service not found", TimedOut = false },
            new TaskResultReport("web1", 0, "roles/nginx/handlers/main.yml:1:3", "reload nginx", "changed") { Role = "nginx", Module = "service", Handler = true },
            new HostRunCompletedReport("web1", 0, "01JRUN-1-web1", "succeeded", "ok", 2500),
            new HostRunCompletedReport("web2", 0, "01JRUN-1-web2", "failed", "failed at task 'start app'", 3100),
            new BatchStartedReport(1, 1, 2, ["web1"]),
            new HostFailedReport("web1", 1, "run interrupted: the agent restarted during the run"),
            new PlayAbortedReport(1, "Rolling", "every host of batch 1 failed", ["web4"]),
            new RunFinishedReport(
                "01JRUN",
                "failed",
                [
                    new HostRecap("web1") { Ok = 6, Changed = 3, Failed = 1, Rescued = 1, Ignored = 1 },
                    new HostRecap("web2") { Ok = 4, Changed = 1, Failed = 1, Skipped = 1 },
                    new HostRecap("web3") { Unreachable = 1 },
                ],
                [new UntouchedHost("web4", 1, "Rolling")],
                12345),
        ];
    }
}
