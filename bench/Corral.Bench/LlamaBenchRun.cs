using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Corral.Bench;

/// <summary>
/// Runs llama.cpp's llama-bench (pp = prompt processing, tg = text generation, each repeated and averaged by
/// llama-bench itself after a warm-up run) with its shared libraries taken from <c>libraryDirectory</c>, and
/// reads its JSON report (tools/llama-bench/llama-bench.cpp, <c>json_printer</c>: <c>avg_ts</c>, <c>stddev_ts</c>).
/// </summary>
public static class LlamaBenchRun
{
    public static async Task<Throughput> MeasureAsync(string build, string executable, string libraryDirectory, BenchSettings settings)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = libraryDirectory,
        };
        foreach (var argument in new[]
        {
            "-m", settings.ModelPath, "-p", Text(settings.PromptTokens), "-n", Text(settings.GenerateTokens),
            "-t", Text(settings.Threads), "-r", Text(settings.Repetitions), "-o", "json",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LD_LIBRARY_PATH"] = libraryDirectory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} exited with {process.ExitCode}: {await stderr}");
        }

        using var report = JsonDocument.Parse(stdout);
        JsonElement Test(Func<JsonElement, bool> match) => report.RootElement.EnumerateArray().Single(match);
        var prefill = Test(t => t.GetProperty("n_gen").GetInt32() == 0);
        var decode = Test(t => t.GetProperty("n_prompt").GetInt32() == 0);
        return new Throughput(build,
            prefill.GetProperty("avg_ts").GetDouble(), prefill.GetProperty("stddev_ts").GetDouble(),
            decode.GetProperty("avg_ts").GetDouble(), decode.GetProperty("stddev_ts").GetDouble());
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
