// Role nginx: the load balancer rendered for the reference site, and running for real in front of two app hosts.
using Provisioner.Core.Data;
using Provisioner.Site.Tests.Support;

namespace Provisioner.Site.Tests.Playbooks.Roles;

[NonParallelizable]
public sealed class NginxTests
{
    private LiveSite _live = null!;
    private readonly Dictionary<string, ServerProcess> _apps = new(StringComparer.Ordinal);
    private string _url = null!;

    [OneTimeSetUp]
    public async Task StartLoadBalancer()
    {
        Programs.Require(("nginx", "nginx"), ("python3", "python3"), ("curl", "curl"));
        var site = SiteModel.Load();
        // The status page is for lb2 only in this test, so that both answers (200 and 403) can be seen.
        var extra = PlainData.NewMap();
        extra["nginx_status_allow"] = new List<object?> { $"{HostNetwork.Subnet}.12" };
        _live = await LiveSite.StartAsync(site, ["lb1", "lb2", "app1", "app2"], extra);
        Assert.That(_live.Address("lb2"), Is.EqualTo($"{HostNetwork.Subnet}.12"));

        // The shop on each app host: a web server answering with the host's name on app_port.
        foreach (var app in new[] { "app1", "app2" })
        {
            var port = _live.Host(app, "app").Text("app_port");
            var root = Path.Combine(_live.Root, app, "www");
            Directory.CreateDirectory(root);
            await File.WriteAllTextAsync(Path.Combine(root, "index.html"), app);
            _apps[app] = _live.Network.Start(app, "shop stand-in", ["python3", "-m", "http.server", port, "--bind", _live.Address(app), "--directory", root]);
            // Answering before nginx starts: refused attempts would count against the host's max_fails.
            await _apps[app].WaitUntilAsync("the stand-in answers", async () => (await GetAsync("lb1", $"http://{_live.Address(app)}:{port}/")).Stdout == "200 " + app, TimeSpan.FromSeconds(30));
        }

        await ScratchPaths.CreateAsync(_live.Paths("lb1"));
        var lb1 = _live.Host("lb1", "nginx");
        var config = lb1.RenderTo("nginx", "nginx.conf.sbn", Path.Combine(_live.Root, "lb1", "nginx", "nginx.conf"));
        var nginx = _live.Network.Start("lb1", "nginx", ["nginx", "-c", config, "-g", "daemon off;"]);
        _url = $"http://{_live.Address("lb1")}:{lb1.Text("nginx_http_port")}/";
        await nginx.WaitUntilAsync("nginx answers through to an app host", async () => (await GetAsync("lb2", _url)).Stdout.StartsWith("200 app", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    [OneTimeTearDown]
    public async Task StopLoadBalancer()
    {
        if (_live is not null)
        {
            await _live.DisposeAsync();
        }
    }

    [Test]
    public void NginxConf_Upstream_ListsEveryAppHostWithPassiveHealthChecks()
    {
        using var inventory = SiteInventory.Create(TestSecrets.Generate());
        var site = SiteModel.Load();
        var conf = SiteHost.For(site, inventory.Inventory, "lb1", site.PlayOf("nginx")).Render("nginx", "nginx.conf.sbn");
        Assert.That(conf, Does.Contain("server 192.0.2.21:8345 max_fails=3 fail_timeout=10s;"));
        Assert.That(conf, Does.Contain("server 192.0.2.22:8345 max_fails=3 fail_timeout=10s;"));
        Assert.That(conf, Does.Contain("listen 80 default_server;"));
        Assert.That(conf, Does.Contain("proxy_next_upstream error timeout http_502 http_503 http_504;"));
    }

    [Test, Order(1)]
    public async Task Nginx_Started_SpreadsRequestsOverEveryAppHost()
    {
        var answers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 8; i++)
        {
            answers.Add((await GetAsync("lb2", _url)).Stdout);
        }

        Assert.That(answers, Is.EquivalentTo(new[] { "200 app1", "200 app2" }));
    }

    [Test, Order(2)]
    public async Task StatusPage_AllowedAndOtherClients_GetTheCountersOr403()
    {
        var status = $"http://{_live.Address("lb1")}:{_live.Host("lb1", "nginx").Text("nginx_status_port")}/nginx_status";
        Assert.That((await GetAsync("lb2", status)).Stdout, Does.StartWith("200 Active connections:"));
        Assert.That((await GetAsync("app1", status)).Stdout, Does.StartWith("403"));
    }

    [Test, Order(3)]
    public async Task Nginx_AppHostDown_EveryRequestStillAnsweredByTheOther()
    {
        await _apps["app1"].StopAsync();
        for (var i = 0; i < 8; i++)
        {
            Assert.That((await GetAsync("lb2", _url)).Stdout, Is.EqualTo("200 app2"), $"a failed attempt on app1 is retried on app2; nginx's error log:\n{ErrorLog()}");
        }
    }

    private string ErrorLog() => File.ReadAllText(Path.Combine(_live.Host("lb1", "nginx").Text("nginx_log_dir"), "error.log"));

    /// <summary>"STATUS BODY" of a GET from the given host's namespace.</summary>
    private Task<ProgramResult> GetAsync(string from, string url) =>
        _live.Network.RunAsync(from, ["curl", "-s", "-m", "10", "-w", "%{http_code} ", "-o", "/dev/stderr", url])
            .ContinueWith(t => t.Result with { Stdout = (t.Result.Stdout + t.Result.Stderr).Trim() }, TaskScheduler.Default);
}
