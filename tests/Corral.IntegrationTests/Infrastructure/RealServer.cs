using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Client;
using Corral.Contracts;
using Corral.Server.Hosting;
using Corral.Server.Runners;

namespace Corral.IntegrationTests.Infrastructure;

/// <summary>
/// The real server (<see cref="CorralServer.StartDefaultAsync"/>) on 127.0.0.1 port 0 with a temporary
/// OLLAMA_MODELS store, starting real <c>dotnet corral.dll runner</c> processes; plus HTTP helpers.
/// </summary>
public sealed class RealServer : IAsyncDisposable
{
    private readonly string _store;

    private RealServer(CorralServer server, string store, ServerConfig config)
    {
        Server = server;
        _store = store;
        Config = config;
        Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public CorralServer Server { get; }

    public ServerConfig Config { get; }

    public HttpClient Client { get; }

    /// <summary>The temporary OLLAMA_MODELS directory.</summary>
    public string StorePath => _store;

    /// <summary>How the tests start runners: the dotnet host with the <c>corral.dll</c> built next to the tests.</summary>
    public static RunnerCommand RunnerCommand { get; } = new(
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet",
        [Path.Combine(AppContext.BaseDirectory, "corral.dll")]);

    /// <summary>Starts a server; <paramref name="configure"/> adjusts the configuration (scheduler limits...).</summary>
    public static async Task<RealServer> StartAsync(Func<ServerConfig, ServerConfig>? configure = null)
    {
        var store = Directory.CreateTempSubdirectory("corral-it-store-").FullName;
        var config = new ServerConfig { Host = OllamaHost.Parse("127.0.0.1:0"), ModelsPath = store };
        config = configure?.Invoke(config) ?? config;
        try
        {
            return new RealServer(await CorralServer.StartDefaultAsync(config, RunnerCommand), store, config);
        }
        catch
        {
            Directory.Delete(store, recursive: true);
            throw;
        }
    }

    /// <summary>Uploads <paramref name="ggufPath"/> with POST /api/blobs and returns its <c>sha256:</c> digest.</summary>
    public Task<string> UploadBlobAsync(string ggufPath) => UploadBlobAsync(Client, ggufPath);

    /// <inheritdoc cref="UploadBlobAsync(string)"/>
    public static async Task<string> UploadBlobAsync(HttpClient client, string ggufPath)
    {
        string digest;
        await using (var file = File.OpenRead(ggufPath))
        {
            digest = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
        }
        await using var content = File.OpenRead(ggufPath);
        using var response = await client.PostAsync($"api/blobs/{digest}", new StreamContent(content));
        Assert.True(response.IsSuccessStatusCode, $"blob upload: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return digest;
    }

    /// <summary>
    /// Creates <paramref name="name"/> from a fixture GGUF through HTTP (blob upload, then /api/create with
    /// <c>files</c>); <paramref name="extra"/> adds create fields (template, parameters, quantize...). Returns
    /// the progress lines; fails the test unless the last one is <c>success</c>.
    /// </summary>
    public Task<IReadOnlyList<JsonElement>> CreateModelAsync(string name, string ggufPath, JsonObject? extra = null) =>
        CreateModelAsync(Client, name, ggufPath, extra);

    /// <inheritdoc cref="CreateModelAsync(string, string, JsonObject?)"/>
    public static async Task<IReadOnlyList<JsonElement>> CreateModelAsync(HttpClient client, string name, string ggufPath, JsonObject? extra = null)
    {
        var digest = await UploadBlobAsync(client, ggufPath);
        var body = new JsonObject { ["model"] = name, ["files"] = new JsonObject { [Path.GetFileName(ggufPath)] = digest } };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value?.DeepClone();
        }
        return await CreateAsync(client, body);
    }

    /// <summary>Posts <paramref name="body"/> to /api/create; fails the test unless the last progress line is <c>success</c>.</summary>
    public static async Task<IReadOnlyList<JsonElement>> CreateAsync(HttpClient client, JsonObject body)
    {
        using var response = await client.PostAsync("api/create", Json(body.ToJsonString()));
        var lines = await ReadLinesAsync(response);
        Assert.True(lines.Count > 0 && lines[^1].TryGetProperty("status", out var status) && status.GetString() == "success",
            $"create {body["model"]}: {(int)response.StatusCode} {string.Join("\n", lines.Select(l => l.GetRawText()))}");
        return lines;
    }

    /// <summary>Create fields for a model with a small context (num_ctx 256, so runners start fast on 2 cores) plus <paramref name="extra"/>.</summary>
    public static JsonObject SmallContext(params (string Key, string Value)[] extra)
    {
        var fields = new JsonObject { ["parameters"] = new JsonObject { ["num_ctx"] = 256 } };
        foreach (var (key, value) in extra)
        {
            fields[key] = value;
        }
        return fields;
    }

    /// <summary>A <see cref="CorralClient"/> for this server, as a .NET application would make one.</summary>
    public CorralClient NewClient() => new(Server.Address);

    public Task<HttpResponseMessage> PostAsync(string path, string json, CancellationToken cancellationToken = default) =>
        Client.PostAsync(path, Json(json), cancellationToken);

    /// <summary>Returns as soon as the headers arrive so the body can be read line by line as it streams.</summary>
    public Task<HttpResponseMessage> PostStreamingAsync(string path, string json, CancellationToken cancellationToken = default) =>
        Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) },
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>Posts and parses a single JSON object answer (stream:false requests, errors).</summary>
    public async Task<(int Status, JsonElement Body)> PostJsonAsync(string path, string json, CancellationToken cancellationToken = default)
    {
        using var response = await PostAsync(path, json, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public async Task<(int Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>Reads an NDJSON body to the end, one parsed element per line.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ReadLinesAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var lines = new List<JsonElement>();
        await foreach (var line in StreamLinesAsync(response, cancellationToken))
        {
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>Yields each NDJSON line as it arrives.</summary>
    public static async IAsyncEnumerable<JsonElement> StreamLinesAsync(HttpResponseMessage response,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.Clone();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_store, recursive: true);
        }
        catch (IOException)
        {
            // A runner that is still exiting may hold a blob open for a moment; the temp directory is disposable.
        }
    }

    /// <summary>A JSON request body.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
