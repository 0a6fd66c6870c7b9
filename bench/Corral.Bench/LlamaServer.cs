using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Corral.Bench;

/// <summary>
/// llama.cpp's <c>llama-server</c> from the same pinned source build as llama-bench (bench/build-llama-cpp.sh),
/// on the same GGUF with threads = physical cores, <c>-np</c> = Corral's OLLAMA_NUM_PARALLEL and the same total
/// context (<c>-c</c> is split evenly over the slots), answering <c>/completion</c> (server-sent events, one event
/// per token). Everything else stays at llama-server's defaults.
/// </summary>
public sealed class LlamaServer : BenchServer
{
    private LlamaServer(ServerProcess process) : base("llama-server", process)
    {
    }

    public static async Task<LlamaServer> StartAsync(string directory, BenchSettings settings, string logDirectory)
    {
        var process = await ServerProcess.StartAsync(port =>
        {
            var start = new ProcessStartInfo(Path.Combine(directory, "llama-server")) { WorkingDirectory = directory };
            foreach (var argument in new[]
            {
                "-m", settings.ModelPath, "--host", "127.0.0.1", "--port", Invariant(port), "-t", Invariant(settings.Threads),
                "-np", Invariant(settings.Parallel), "-c", Invariant(settings.Parallel * settings.ContextPerSequence),
            })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["LD_LIBRARY_PATH"] = directory;
            return start;
        }, "health", Path.Combine(logDirectory, "llama-server.log"), TimeSpan.FromMinutes(5));
        return new LlamaServer(process);
    }

    protected override string RequestPath => "completion";

    // ignore_eos: Corral has no such option, but llama-server then always generates the full budget, which is the
    // count Corral generates too unless the model happens to pick an end-of-generation token.
    protected override JsonObject RequestBody(string prompt, int predict) => new()
    {
        ["prompt"] = prompt, ["n_predict"] = predict, ["temperature"] = 0, ["seed"] = 1, ["ignore_eos"] = true,
        ["stream"] = true, ["cache_prompt"] = true,
    };

    protected override string? Payload(string line) => line.StartsWith("data: ", StringComparison.Ordinal) ? line[6..] : null;

    protected override bool IsFinal(JsonElement chunk) => chunk.TryGetProperty("stop", out var stop) && stop.GetBoolean();

    protected override string Text(JsonElement chunk) => chunk.TryGetProperty("content", out var text) ? text.GetString() ?? "" : "";

    protected override (int Generated, int PromptEvaluated, double DecodeSeconds) Stats(JsonElement final)
    {
        var timings = final.GetProperty("timings");
        return (timings.GetProperty("predicted_n").GetInt32(), timings.GetProperty("prompt_n").GetInt32(),
            timings.GetProperty("predicted_ms").GetDouble() / 1000);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
