using Corral.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Corral.IntegrationTests.Faults;

/// <summary>
/// Issue 11 acceptance 3: 64 concurrent clients against <c>corral serve</c> with OLLAMA_NUM_PARALLEL=4 and
/// OLLAMA_MAX_QUEUE=16. Every admitted request answers exactly what its prompt answers alone (greedy, fixed seed),
/// the overflow gets Ollama's 503, admitted + rejected = 64, and the resident memory of the server and of its runner
/// (VmRSS from /proc) settles back to the idle level measured before the burst.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Clients = 64;
    private const string QueueFull = "server busy, please try again.  maximum pending requests exceeded";

    // A managed heap keeps some of what a burst allocated until its next collections, and glibc keeps freed pages
    // in its arenas; a leak of the 64 requests (their prompts, KV cells, buffered answers) would exceed these.
    private const long ServerTolerance = 32L << 20;
    private const long RunnerTolerance = 16L << 20;

    private readonly string _directory = Directory.CreateTempSubdirectory("corral-load-").FullName;

    [Fact]
    public async Task SixtyFourClientsGetCorrectAnswersOr503AndMemoryReturnsToIdle()
    {
        var models = Path.Combine(_directory, "models");
        await using var server = await ServeProcess.StartAsync(models, new Dictionary<string, string>
        {
            ["OLLAMA_NUM_PARALLEL"] = "4",
            ["OLLAMA_MAX_QUEUE"] = "16",
        });
        await RealServer.CreateModelAsync(server.Client, "tiny", TestPaths.Llama3Fixture, RealServer.SmallContext());
        var prompts = Enumerable.Range(0, 4).Select(i => $"Client question number {i}:").ToList();
        var expected = new List<string>();
        foreach (var prompt in prompts)
        {
            var (status, body) = await GenerateAsync(server.Client, prompt);
            Assert.Equal(200, status);
            expected.Add(body);
        }
        // Every slot used once before idle is measured, so the burst does not count first-touch KV pages.
        await Task.WhenAll(prompts.Select(prompt => GenerateAsync(server.Client, prompt)));
        var runner = Assert.Single(RunnerProcessInfo.InStore(models)).Pid;
        var idle = await SettledAsync(server.Pid, runner);

        var results = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => GenerateAsync(server.Client, prompts[i % prompts.Count])));

        var admitted = Enumerable.Range(0, Clients).Where(i => results[i].Status == 200).ToList();
        var rejected = Enumerable.Range(0, Clients).Where(i => results[i].Status == 503).ToList();
        output.WriteLine($"{admitted.Count} admitted, {rejected.Count} rejected with 503");
        Assert.Equal(Clients, admitted.Count + rejected.Count);
        Assert.NotEmpty(rejected);
        Assert.True(admitted.Count >= 16, $"the queue holds 16: only {admitted.Count} admitted");
        Assert.All(admitted, i => Assert.Equal(expected[i % prompts.Count], results[i].Body));
        Assert.All(rejected, i => Assert.Equal(QueueFull, System.Text.Json.JsonDocument.Parse(results[i].Body).RootElement.GetProperty("error").GetString()));

        Assert.Equal(runner, Assert.Single(RunnerProcessInfo.InStore(models)).Pid);
        var after = await SettledAsync(server.Pid, runner, idle);
        output.WriteLine($"server VmRSS idle {idle.Server >> 20} MiB, after {after.Server >> 20} MiB; " +
                         $"runner idle {idle.Runner >> 20} MiB, after {after.Runner >> 20} MiB");
        Assert.True(after.Server <= idle.Server + ServerTolerance, $"server {after.Server >> 20} MiB vs idle {idle.Server >> 20} MiB");
        Assert.True(after.Runner <= idle.Runner + RunnerTolerance, $"runner {after.Runner >> 20} MiB vs idle {idle.Runner >> 20} MiB");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int Status, string Body)> GenerateAsync(HttpClient client, string prompt)
    {
        using var response = await client.PostAsync("api/generate", RealServer.Json(
            $$$"""{"model":"tiny","prompt":"{{{prompt}}}","stream":false,"options":{"temperature":0,"seed":7,"num_predict":8}}"""));
        var body = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return (200, document.RootElement.GetProperty("response").GetString()!);
        }
        return ((int)response.StatusCode, body);
    }

    /// <summary>
    /// The lowest resident sizes seen over a 5 s settle window; with <paramref name="target"/>, sampling continues
    /// (up to 30 s) until both are back within tolerance of it, so a slow return is not mistaken for a leak.
    /// </summary>
    private static async Task<(long Server, long Runner)> SettledAsync(int server, int runner, (long Server, long Runner)? target = null)
    {
        var start = DateTime.UtcNow;
        var lowest = (Server: long.MaxValue, Runner: long.MaxValue);
        while (true)
        {
            lowest = (Math.Min(lowest.Server, ProcessMemory.ResidentBytes(server)), Math.Min(lowest.Runner, ProcessMemory.ResidentBytes(runner)));
            var elapsed = DateTime.UtcNow - start;
            var settled = target is not { } idle
                || (lowest.Server <= idle.Server + ServerTolerance && lowest.Runner <= idle.Runner + RunnerTolerance);
            if ((elapsed >= TimeSpan.FromSeconds(5) && settled) || elapsed >= TimeSpan.FromSeconds(30))
            {
                return lowest;
            }
            await Task.Delay(250);
        }
    }
}
