using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Corral.Bench;

/// <summary>
/// llama.cpp's llama-bench with its shared libraries taken from <c>libraryDirectory</c>: one repetition of the
/// pp (prompt processing) and tg (text generation) tests per call, after llama-bench's own warm-up run, read from
/// its JSON report (tools/llama-bench/llama-bench.cpp, <c>json_printer</c>: <c>avg_ts</c>).
/// Like Corral's engine, which decodes right after the prompt, tg runs at a depth of the prompt's length
/// (<c>-d</c>: that many tokens already in the KV cache) while pp starts from an empty cache. Plain tg64 would
/// attend to a nearly empty cache and decode about 15% faster than any server can after a real prompt.
/// <paramref name="extraArguments"/> go after the others (e.g. <c>-lm none</c>).
/// </summary>
public sealed class LlamaBenchRun(string build, string executable, string libraryDirectory, BenchSettings settings,
    params string[] extraArguments) : IThroughputProbe
{
    public string Build { get; } = build;

    public async Task<(double Prefill, double Decode)> MeasureOnceAsync(int round)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = libraryDirectory,
        };
        string[] arguments =
        [
            "-m", settings.ModelPath, "-p", Text(settings.PromptTokens), "-n", Text(settings.GenerateTokens),
            "-d", $"0,{Text(settings.PromptTokens)}", "-t", Text(settings.Threads), "-r", "1", "-o", "json",
            .. extraArguments,
        ];
        foreach (var argument in arguments)
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
        double Speed(string emptyField, int depth) => report.RootElement.EnumerateArray()
            .Single(test => test.GetProperty(emptyField).GetInt32() == 0 && test.GetProperty("n_depth").GetInt32() == depth)
            .GetProperty("avg_ts").GetDouble();
        return (Speed("n_gen", 0), Speed("n_prompt", settings.PromptTokens));
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
