// The Docker Engine API over the daemon's unix socket: HTTP/1.1, source-generated JSON, no docker CLI.
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Provisioner.Modules.Docker.Engine;

/// <summary>
/// <see cref="IDockerEngine"/> against a real daemon. API version 1.41 (Docker 20.10, Debian 12's docker.io); newer
/// daemons still answer it. The connection is made on first use, so building the client costs nothing on hosts
/// without Docker.
/// </summary>
internal sealed class DockerEngineClient : IDockerEngine, IDisposable
{
    public const string DefaultSocket = "/var/run/docker.sock";
    private const string ApiVersion = "v1.41";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan TransferTimeout = TimeSpan.FromMinutes(30);
    private static readonly DockerJsonContext Json = DockerJsonContext.Default;

    private readonly string _socketPath;
    private readonly Lazy<HttpClient> _http;

    public DockerEngineClient(string socketPath = DefaultSocket)
    {
        _socketPath = socketPath;
        _http = new Lazy<HttpClient>(() => CreateHttpClient(socketPath));
    }

    public async Task<ContainerInspect?> InspectContainerAsync(string name, CancellationToken ct)
    {
        var found = await GetAsync($"containers/{name}/json", Json.ContainerInspect, $"inspecting container {name}", ct).ConfigureAwait(false);

        // The API also resolves id prefixes: only the container with exactly this name counts.
        return found is not null && (found.Name == "/" + name || found.Id == name) ? found : null;
    }

    public async Task<string> CreateContainerAsync(string name, ContainerCreateRequest request, CancellationToken ct)
    {
        var what = $"creating container {name}";
        using var response = await SendAsync(HttpMethod.Post, $"containers/create?name={Uri.EscapeDataString(name)}", Body(request, Json.ContainerCreateRequest), what, ct).ConfigureAwait(false);
        await EnsureAsync(response, what, ct).ConfigureAwait(false);
        var created = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false), Json.CreatedResponse);
        return created?.Id ?? throw new DockerEngineException($"{what}: the Docker daemon answered without a container id");
    }

    public Task StartContainerAsync(string id, CancellationToken ct) =>
        PostAsync($"containers/{id}/start", null, $"starting container {id}", ct, HttpStatusCode.NotModified);

    public Task StopContainerAsync(string id, CancellationToken ct) =>
        PostAsync($"containers/{id}/stop?t=10", null, $"stopping container {id}", ct, HttpStatusCode.NotModified);

    public Task RemoveContainerAsync(string id, CancellationToken ct) =>
        DeleteAsync($"containers/{id}?force=true", $"removing container {id}", ct);

    public Task ConnectNetworkAsync(string network, string container, CancellationToken ct) =>
        PostAsync($"networks/{network}/connect", Body(new ConnectRequest(container), Json.ConnectRequest), $"connecting container {container} to network {network}", ct);

    public Task<ImageInspect?> InspectImageAsync(string reference, CancellationToken ct) =>
        GetAsync($"images/{reference}/json", Json.ImageInspect, $"inspecting image {reference}", ct);

    public async Task PullImageAsync(ImageReference reference, CancellationToken ct)
    {
        var query = reference.Digest is { } digest
            ? $"fromImage={Uri.EscapeDataString(reference.Repository + "@" + digest)}"
            : $"fromImage={Uri.EscapeDataString(reference.Repository)}&tag={Uri.EscapeDataString(reference.Tag!)}";
        await StreamAsync(HttpMethod.Post, "images/create?" + query, null, $"pulling image {reference}", ct).ConfigureAwait(false);
    }

    public async Task LoadImageAsync(Stream archive, CancellationToken ct)
    {
        var content = new StreamContent(archive);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        await StreamAsync(HttpMethod.Post, "images/load?quiet=1", content, "loading an image archive", ct).ConfigureAwait(false);
    }

    public Task TagImageAsync(string image, ImageReference reference, CancellationToken ct) =>
        PostAsync(
            $"images/{image}/tag?repo={Uri.EscapeDataString(reference.Repository)}&tag={Uri.EscapeDataString(reference.Tag ?? "latest")}",
            null,
            $"tagging image {image} as {reference}",
            ct);

    public Task RemoveImageAsync(string reference, CancellationToken ct) =>
        DeleteAsync($"images/{reference}", $"removing image {reference}", ct);

    public async Task<string> RegistryDigestAsync(ImageReference reference, CancellationToken ct)
    {
        var what = $"asking the registry for image {reference}";
        var found = await GetAsync($"distribution/{reference.Name}/json", Json.DistributionInspect, what, ct).ConfigureAwait(false);
        return found?.Descriptor?.Digest ?? throw new DockerEngineException($"{what}: the registry has no image {reference}");
    }

    public async Task<NetworkInspect?> InspectNetworkAsync(string name, CancellationToken ct)
    {
        var found = await GetAsync($"networks/{name}", Json.NetworkInspect, $"inspecting network {name}", ct).ConfigureAwait(false);
        return found is not null && (found.Name == name || found.Id == name) ? found : null;
    }

    public Task CreateNetworkAsync(NetworkCreateRequest request, CancellationToken ct) =>
        PostAsync("networks/create", Body(request, Json.NetworkCreateRequest), $"creating network {request.Name}", ct);

    public Task RemoveNetworkAsync(string id, CancellationToken ct) =>
        DeleteAsync($"networks/{id}", $"removing network {id}", ct);

    public void Dispose()
    {
        if (_http.IsValueCreated)
        {
            _http.Value.Dispose();
        }
    }

    private static HttpClient CreateHttpClient(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };

        // The host name is never resolved: every connection goes to the socket.
        return new HttpClient(handler) { BaseAddress = new Uri($"http://docker/{ApiVersion}/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    private static StringContent Body<T>(T value, JsonTypeInfo<T> type) =>
        new(JsonSerializer.Serialize(value, type), Encoding.UTF8, "application/json");

    private async Task<T?> GetAsync<T>(string path, JsonTypeInfo<T> type, string what, CancellationToken ct)
        where T : class
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, what, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureAsync(response, what, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException e)
        {
            throw new DockerEngineException($"{what}: the Docker daemon's answer is not the JSON expected ({e.Message})", response.StatusCode, e);
        }
    }

    private async Task PostAsync(string path, HttpContent? content, string what, CancellationToken ct, HttpStatusCode? alsoFine = null)
    {
        using var response = await SendAsync(HttpMethod.Post, path, content, what, ct).ConfigureAwait(false);
        if (response.StatusCode != alsoFine)
        {
            await EnsureAsync(response, what, ct).ConfigureAwait(false);
        }
    }

    private async Task DeleteAsync(string path, string what, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Delete, path, null, what, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureAsync(response, what, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Pull and load answer 200 at once and report progress, and failures, as JSON lines.</summary>
    private async Task StreamAsync(HttpMethod method, string path, HttpContent? content, string what, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TransferTimeout);
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await _http.Value.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            await EnsureAsync(response, what, deadline.Token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream, Encoding.UTF8);
                while (await reader.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
                {
                    if (ProgressError(line) is { } error)
                    {
                        throw new DockerEngineException($"{what}: {error}", response.StatusCode);
                    }
                }
            }
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(what, e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new DockerEngineException($"{what}: not finished after {TransferTimeout.TotalMinutes:0} minutes; gave up", null, e);
        }
    }

    /// <summary>The error a progress line reports, or null for progress and output.</summary>
    public static string? ProgressError(string line)
    {
        if (line.Trim().Length == 0)
        {
            return null;
        }

        try
        {
            var progress = JsonSerializer.Deserialize(line, Json.ProgressLine);
            return progress?.ErrorDetail?.Message ?? progress?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string what, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(CallTimeout);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        try
        {
            var response = await _http.Value.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            return response;
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(what, e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new DockerEngineException($"{what}: the Docker daemon did not answer within {CallTimeout.TotalSeconds:0} s", null, e);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = (await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).Trim();
        string message;
        try
        {
            message = JsonSerializer.Deserialize(body, Json.ErrorResponse)?.Message ?? body;
        }
        catch (JsonException)
        {
            message = body;
        }

        throw new DockerEngineException($"{what}: the Docker daemon refused ({(int)response.StatusCode}): {message}", response.StatusCode);
    }

    private DockerEngineException Unreachable(string what, HttpRequestException e) => new(
        $"{what}: cannot reach the Docker daemon at {_socketPath} ({e.InnerException?.Message ?? e.Message}). " +
        "Install Docker (apt: docker.io) and start it (service: name=docker state=started) before this task.",
        null,
        e);
}
