using System.Text.Json;
using Provisioner.Controller.History;
using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.Tests.EndToEnd;

/// <summary>
/// <c>prov apply --connection local</c> for real: the prov program runs each host's plan through a prov-agent process on
/// this machine, against a scratch folder. Output, JSON stream, recap and history must agree.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ApplyLocalTests
{
    private const string Token = "s3cr3t-token-123";

    private string _root = string.Empty;

    private string Scratch => Path.Combine(_root, "scratch");

    private string StateDir => Path.Combine(_root, "state");

    [SetUp]
    public void WriteProject()
    {
        _root = Directory.CreateTempSubdirectory("prov-e2e-").FullName;
        Directory.CreateDirectory(Scratch);
        Write("site.yml", """
            - name: Configure the web tier
              hosts: web
              vars_files:
                - vault.yml
              roles:
                - site
              tasks:
                - name: notes
                  lineinfile:
                    path: "{{ scratch }}/{{ inventory_hostname }}/notes"
                    line: "# managed by prov"
                    create: true
            """);
        Write("vault.yml", $"api_token: {Token}\n");
        Write("roles/site/defaults/main.yml", "port: 8080\n");
        Write("roles/site/tasks/main.yml", """
            - name: host folder
              file:
                path: "{{ scratch }}/{{ inventory_hostname }}"
                state: directory
                mode: "0755"
            - name: site config
              template:
                src: site.conf.sbn
                dest: "{{ scratch }}/{{ inventory_hostname }}/site.conf"
              notify: site changed
            - name: token file
              copy:
                content: "token={{ api_token }}\n"
                dest: "{{ scratch }}/{{ inventory_hostname }}/token"
                mode: "0600"
            """);
        Write("roles/site/templates/site.conf.sbn", "port = {{ port }}\npeers = {{ groups.web | array.join \",\" }}\n");
        Write("roles/site/handlers/main.yml", """
            - name: site changed
              copy:
                content: "reloaded\n"
                dest: "{{ scratch }}/{{ inventory_hostname }}/reloaded"
            """);
        Write("hosts.yml", $"""
            web:
              vars:
                scratch: {Scratch}
              hosts:
                web1:
                web2:
            """);
    }

    [TearDown]
    public void DeleteProject() => Directory.Delete(_root, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private Task<ProvProcess.Result> ApplyAsync(params string[] extra) =>
        ProvProcess.RunAsync(_root, ["apply", "site.yml", "-i", "hosts.yml", "--connection", "local", "--agent-path", ProvProcess.AgentPath, "--state-dir", StateDir, .. extra]);

    private IReadOnlyList<RunListEntry> Runs()
    {
        using var store = HistoryStore.Open(StateDir);
        return store.ListRuns(10);
    }

    [Test]
    public async Task Apply_TwiceThenCheck_ConvergesReportsAndRecordsConsistently()
    {
        // First run: everything changes; text output, recap and history agree.
        var first = await ApplyAsync("--diff");
        Assert.That(first.ExitCode, Is.Zero, first.Stdout + first.Stderr);
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Path.Combine(Scratch, "web1", "site.conf")), Is.EqualTo("port = 8080\npeers = web1,web2\n"));
            Assert.That(File.ReadAllText(Path.Combine(Scratch, "web2", "token")), Is.EqualTo($"token={Token}\n"));
            Assert.That(File.ReadAllText(Path.Combine(Scratch, "web1", "notes")), Is.EqualTo("# managed by prov\n"));
            Assert.That(File.Exists(Path.Combine(Scratch, "web2", "reloaded")), Is.True, "the handler ran");
            Assert.That(first.Stdout, Does.Contain("TASK [site : site config] ***"));
            Assert.That(first.Stdout, Does.Contain("RUNNING HANDLER [site : site changed] ***"));
            Assert.That(first.Stdout, Does.Contain("+port = 8080"), "--diff shows the new content");
            Assert.That(first.Stdout, Does.Match(@"web1\s+: ok=6\s+changed=5\s+unreachable=0\s+failed=0\s+skipped=0\s+rescued=0\s+ignored=0"));
            Assert.That(first.Stdout, Does.Not.Contain(Token), "the vault value is masked in the output and its diff");
        });

        var firstRun = Runs().Single();
        var replay = await ProvProcess.RunAsync(_root, "runs", "show", firstRun.Id, "--diff", "--state-dir", StateDir);
        Assert.Multiple(() =>
        {
            Assert.That(replay.ExitCode, Is.Zero, replay.Stderr);
            Assert.That(replay.Stdout[(replay.Stdout.IndexOf('\n', StringComparison.Ordinal) + 1)..], Is.EqualTo(first.Stdout), "the history replays the run as shown");
            Assert.That(firstRun.Recap.Select(r => (r.Host, r.Changed)), Is.EqualTo(new[] { ("web1", 5), ("web2", 5) }));
            var historyBytes = Directory.GetFiles(StateDir, HistoryStore.FileName + "*").Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f)));
            Assert.That(string.Concat(historyBytes), Does.Not.Contain(Token).And.Contain("site config"), "the history holds the run, masked");
        });

        // Second run, as JSON: nothing changes, and the stream, its recap and the history agree.
        var second = await ApplyAsync("--output", "json");
        Assert.That(second.ExitCode, Is.Zero, second.Stderr);
        var lines = second.Stdout.TrimEnd('\n').Split('\n');
        var reports = lines.Select(JsonLinesReporter.Deserialize).ToList();
        var finished = reports.OfType<RunFinishedReport>().Single();
        var results = reports.OfType<TaskResultReport>().Where(r => r.Item is null).ToList();
        var secondRun = Runs()[0];
        using (var store = HistoryStore.Open(StateDir))
        {
            Assert.That(store.Events(secondRun.Id).Select(JsonLinesReporter.Serialize), Is.EqualTo(lines), "history holds exactly the stream");
        }

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.All.Matches<string>(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString() is { Length: > 0 }));
            Assert.That(finished.Outcome, Is.EqualTo("ok"));
            Assert.That(finished.Recap.Select(r => r.Changed), Is.EqualTo(new[] { 0, 0 }), "a second apply changes nothing");
            Assert.That(results.Select(r => r.Status).Distinct(), Is.EqualTo(new[] { "ok" }));
            foreach (var recap in finished.Recap)
            {
                Assert.That(recap.Ok, Is.EqualTo(results.Count(r => r.Host == recap.Host) + 1), $"{recap.Host}: recap counts the task results plus facts");
            }

            Assert.That(reports.OfType<HostRunCompletedReport>().Select(c => c.AgentRunId).Order(),
                Is.EqualTo(new[] { $"{finished.RunId}-1-web1", $"{finished.RunId}-1-web2" }));
            Assert.That(secondRun.Id, Is.EqualTo(finished.RunId));
            Assert.That(second.Stdout, Does.Not.Contain(Token));
        });

        // Check mode: predicts the change (with its diff) and changes nothing.
        var before = File.ReadAllText(Path.Combine(Scratch, "web1", "site.conf"));
        var check = await ApplyAsync("--check", "--diff", "-e", "port=9090");
        Assert.Multiple(() =>
        {
            Assert.That(check.ExitCode, Is.Zero, check.Stdout + check.Stderr);
            Assert.That(check.Stdout, Does.Contain("changed: [web1]").And.Contain("-port = 8080").And.Contain("+port = 9090"));
            Assert.That(check.Stdout, Does.Match(@"web2\s+: ok=6\s+changed=1\s"), "the notified handler runs in check mode too, changing nothing");
            Assert.That(File.ReadAllText(Path.Combine(Scratch, "web1", "site.conf")), Is.EqualTo(before));
            Assert.That(Runs()[0].Check, Is.True);
        });
    }

    [Test]
    public async Task Apply_TaskFailsOnOneHost_Exit2OtherHostConverged()
    {
        Write("fail.yml", """
            - name: Partly failing
              hosts: web
              tasks:
                - name: must exist on web2
                  file:
                    path: "{{ scratch }}/missing-{{ inventory_hostname }}"
                    state: file
                  when: inventory_hostname == "web2"
                - name: after
                  copy:
                    content: "done\n"
                    dest: "{{ scratch }}/after-{{ inventory_hostname }}"
            """);

        var result = await ProvProcess.RunAsync(_root, "apply", "fail.yml", "-i", "hosts.yml", "--connection", "local", "--agent-path", ProvProcess.AgentPath, "--state-dir", StateDir);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.Stdout + result.Stderr);
            Assert.That(result.Stdout, Does.Contain("failed: [web2]:").And.Contain("skipping: [web1]"));
            Assert.That(File.Exists(Path.Combine(Scratch, "after-web1")), Is.True);
            Assert.That(File.Exists(Path.Combine(Scratch, "after-web2")), Is.False);
            Assert.That(result.Stdout, Does.Match(@"web2\s+: ok=1\s+changed=0\s+unreachable=0\s+failed=1"));
        });
    }

    [Test]
    public async Task Apply_InvalidPlaybook_Exit4AllDiagnosticsNoHostContacted()
    {
        Write("bad.yml", """
            - hosts: web
              tasks:
                - name: typo
                  fiel: { path: /tmp/x }
                - name: bad arg
                  copy: { dest: /tmp/y, content: x, colour: red }
            """);

        var result = await ProvProcess.RunAsync(_root, "apply", "bad.yml", "-i", "hosts.yml", "--connection", "local", "--agent-path", ProvProcess.AgentPath, "--state-dir", StateDir);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(4));
            Assert.That(result.Stderr, Does.Contain("bad.yml:4:7: error:").And.Contain("bad.yml:6:").And.Contain("no host was contacted"));
            Assert.That(result.Stdout, Is.Empty);
            Assert.That(Directory.Exists(Path.Combine(StateDir, "local-agent")), Is.False, "no agent was started");
        });
    }

    [Test]
    public async Task Apply_DefaultConnection_FailsClearlyWhileTheAgentTransportIsMissing()
    {
        var result = await ProvProcess.RunAsync(_root, "apply", "site.yml", "-i", "hosts.yml", "--state-dir", StateDir);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Stderr, Does.Contain("--connection local"));
        });
    }

    [Test]
    public async Task Facts_LocalHost_PrintsFactsByHost()
    {
        var result = await ProvProcess.RunAsync(_root, "facts", "web1", "-i", "hosts.yml", "--connection", "local", "--agent-path", ProvProcess.AgentPath, "--state-dir", StateDir);

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.That(json.RootElement.GetProperty("web1").GetProperty("os").ValueKind, Is.EqualTo(JsonValueKind.Object));
    }
}
