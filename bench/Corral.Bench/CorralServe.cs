using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Corral.Bench;

/// <summary>
/// The real <c>corral serve</c> from this repository's build, with a temporary OLLAMA_MODELS store, the model
/// created from the benchmark GGUF through /api/blobs and /api/create like a user would, answering
/// <c>/api/generate</c> with <c>raw</c> prompts (NDJSON, one line per token).
/// </summary>
public sealed class CorralServe : BenchServer
{
    private const string Model = "corral-bench";

    private readonly string _store;

    private CorralServe(ServerProcess process, string store) : base("Corral (corral serve)", process) => _store = store;

    public static async Task<CorralServe> StartAsync(string corralDll, BenchSettings settings, string logDirectory)
    {
        var store = Directory.CreateTempSubdirectory("corral-bench-store-").FullName;
        var process = await ServerProcess.StartAsync(port =>
        {
            var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet");
            start.ArgumentList.Add(corralDll);
            start.ArgumentList.Add("serve");
            start.Environment["OLLAMA_HOST"] = $"127.0.0.1:{port}";
            start.Environment["OLLAMA_MODELS"] = store;
            start.Environment["OLLAMA_NUM_PARALLEL"] = Invariant(settings.Parallel);
            start.Environment["OLLAMA_CONTEXT_LENGTH"] = Invariant(settings.ContextPerSequence);
            start.Environment["OLLAMA_KEEP_ALIVE"] = "-1";
            return start;
        }, "api/version", Path.Combine(logDirectory, "corral-serve.log"), TimeSpan.FromMinutes(2));
        var server = new CorralServe(process, store);
        try
        {
            await server.CreateModelAsync(process.Address, settings.ModelPath);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    protected override string RequestPath => "api/generate";

    // Ollama's repeat_penalty defaults to 1.1 and llama-server's to 1.0; 1.0 on both keeps the samplers identical.
    protected override JsonObject RequestBody(string prompt, int predict) => new()
    {
        ["model"] = Model, ["prompt"] = prompt, ["raw"] = true, ["stream"] = true, ["keep_alive"] = -1,
        ["options"] = new JsonObject { ["temperature"] = 0, ["repeat_penalty"] = 1.0, ["seed"] = 1, ["num_predict"] = predict },
    };

    protected override string? Payload(string line) => line.Length == 0 ? null : line;

    protected override bool IsFinal(JsonElement chunk) => chunk.GetProperty("done").GetBoolean();

    protected override string Text(JsonElement chunk) => chunk.TryGetProperty("response", out var text) ? text.GetString() ?? "" : "";

    protected override (int Generated, int PromptEvaluated, double DecodeSeconds) Stats(JsonElement final) => (
        final.TryGetProperty("eval_count", out var generated) ? generated.GetInt32() : 0,
        final.TryGetProperty("prompt_eval_count", out var evaluated) ? evaluated.GetInt32() : 0,
        final.TryGetProperty("eval_duration", out var decode) ? decode.GetInt64() / 1e9 : 0);

    protected override void Stopped()
    {
        try
        {
            Directory.Delete(_store, recursive: true);
        }
        catch (IOException e)
        {
            // A runner that is still exiting may hold a blob open for a moment; the store is a temporary directory.
            Console.Error.WriteLine($"could not remove {_store}: {e.Message}");
        }
    }

    private async Task CreateModelAsync(Uri address, string ggufPath)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(30) };
        string digest;
        await using (var file = File.OpenRead(ggufPath))
        {
            digest = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
        }

        await using (var file = File.OpenRead(ggufPath))
        {
            using var upload = await client.PostAsync($"api/blobs/{digest}", new StreamContent(file));
            upload.EnsureSuccessStatusCode();
        }

        var body = new JsonObject { ["model"] = Model, ["files"] = new JsonObject { [Path.GetFileName(ggufPath)] = digest } };
        using var create = await client.PostAsync("api/create", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var lines = (await create.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (!create.IsSuccessStatusCode || lines.Length == 0 || !lines[^1].Contains("\"success\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"/api/create failed: {(int)create.StatusCode} {string.Join('\n', lines)}");
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
