using System.Diagnostics;
using System.Text.Json;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests.Faults;

/// <summary>
/// One OLLAMA_MODELS directory served by a <c>corral serve</c> child process that a test kills with SIGKILL in the
/// middle of an operation and restarts on the same store. A small "keep" model created first must survive every kill.
/// </summary>
public sealed class CrashHarness : IAsyncDisposable
{
    public const string KeptModel = "keep:latest";

    private readonly string _directory;
    private byte[] _keptManifest = [];

    private CrashHarness(string directory, ServeProcess server)
    {
        _directory = directory;
        Server = server;
    }

    public ServeProcess Server { get; private set; }

    public string ModelsPath => Path.Combine(_directory, "models");

    private string KeptManifestPath => Path.Combine(ModelsPath, "manifests", "registry.ollama.ai", "library", "keep", "latest");

    public static async Task<CrashHarness> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("corral-crash-").FullName;
        var harness = new CrashHarness(directory, await ServeProcess.StartAsync(Path.Combine(directory, "models")));
        await RealServer.CreateModelAsync(harness.Server.Client, KeptModel, TestPaths.Llama2Fixture);
        harness._keptManifest = await File.ReadAllBytesAsync(harness.KeptManifestPath);
        return harness;
    }

    /// <summary>How long <paramref name="operation"/> takes when nothing interrupts it.</summary>
    public async Task<TimeSpan> TimeAsync(Func<HttpClient, Task> operation)
    {
        var watch = Stopwatch.StartNew();
        await operation(Server.Client);
        return watch.Elapsed;
    }

    /// <summary>
    /// Starts <paramref name="operation"/>, SIGKILLs the server after <paramref name="delay"/>, then restarts it on
    /// the same store once every child of the dead server (runner, quantizer) has gone.
    /// </summary>
    public async Task KillDuringAsync(Func<HttpClient, Task> operation, TimeSpan delay)
    {
        var running = operation(Server.Client);
        await Task.WhenAny(running, Task.Delay(delay));
        await Server.KillAsync();
        try
        {
            await running;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException
                                      or Xunit.Sdk.XunitException)
        {
            // The connection died with the server: the operation's outcome is whatever the store says now.
        }
        await Server.DisposeAsync();
        await WaitForOrphansAsync();
        Server = await ServeProcess.StartAsync(ModelsPath);
    }

    /// <summary>The store invariants hold and the model created first is byte-for-byte what it was.</summary>
    public void AssertConsistent(string context)
    {
        var problems = StoreConsistency.Problems(ModelsPath);
        Assert.True(problems.Count == 0, $"{context}: {string.Join("; ", problems)}");
        // The dead server's temporary files are removed when the next one starts; pull partials stay for a resume.
        Assert.DoesNotContain(StoreConsistency.LeftoverFiles(ModelsPath), file => file.StartsWith("tmp-", StringComparison.Ordinal));
        Assert.True(File.Exists(KeptManifestPath), $"{context}: {KeptModel} lost its manifest");
        Assert.Equal(_keptManifest, File.ReadAllBytes(KeptManifestPath));
    }

    /// <summary>The model answers a short greedy generate (its runner loads from the store).</summary>
    public async Task AssertGeneratesAsync(string model, string context)
    {
        using var response = await Server.Client.PostAsync("api/generate", RealServer.Json(
            $$$"""{"model":"{{{model}}}","prompt":"hi","stream":false,"options":{"num_predict":2,"temperature":0}}"""));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{context}: generate with {model}: {(int)response.StatusCode} {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("done").GetBoolean(), $"{context}: {body}");
    }

    public async Task DeleteAsync(string model)
    {
        using var response = await Server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/delete")
        {
            Content = RealServer.Json($$"""{"model":"{{model}}"}"""),
        });
        Assert.True(response.IsSuccessStatusCode, $"delete {model}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await WaitForOrphansAsync();
        Directory.Delete(_directory, recursive: true);
    }

    // A runner polls for its parent and a quantizer finishes its temporary file; neither may outlive the test or
    // touch the store while the next server starts.
    private async Task WaitForOrphansAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (RunnerProcessInfo.UsingStore(ModelsPath).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"processes still use {ModelsPath} 60 s after the server died");
            await Task.Delay(100);
        }
    }
}
