using System.Diagnostics;
using System.Globalization;

namespace Corral.Bench;

/// <summary>
/// Figures (b)-(e) over HTTP. For each one the two servers take turns (the one that goes first alternates), so a
/// burst of load from the neighbours on this shared machine is less likely to favour one of them. Every
/// measurement starts with words no earlier request used, so nothing is served from a previous figure's cache.
/// Per-request numbers go to stderr.
/// </summary>
public sealed class ServerScenarios(BenchSettings settings, BenchServer corral, BenchServer llamaServer)
{
    /// <summary>Length of the unique part of every prompt (the whole prompt in figure (b)).</summary>
    private const int QuestionWords = 24;

    private int _turn;

    public async Task<IReadOnlyList<Figure>> RunAsync()
    {
        var figures = new List<Figure>();
        foreach (var clients in settings.Clients)
        {
            var (c, l) = await BothAsync($"b{clients}", (server, tag) => AggregateAsync(server, tag, clients, prefix: ""));
            figures.Add(new Figure($"b. aggregate tok/s, {clients} clients, unique prompts", c, l, clients == settings.Parallel ? ">= 1.0" : ""));
        }

        foreach (var clients in settings.Clients)
        {
            var (c, l) = await BothAsync($"c{clients}", (server, tag) =>
                AggregateAsync(server, tag, clients, prefix: $"{tag} shared instructions:{PromptText.Words(settings.PrefixTokens)}"));
            figures.Add(new Figure($"c. aggregate tok/s, {clients} clients, shared {settings.PrefixTokens}-word prefix", c, l,
                clients == settings.Parallel ? ">= 8" : ""));
        }

        var (corralChat, llamaChat) = await BothAsync("d", FollowUpAsync);
        figures.Add(new Figure("d. TTFT first turn, s", corralChat.Cold, llamaChat.Cold, ""));
        figures.Add(new Figure($"d. TTFT follow-up turn after {settings.HistoryTokens}-word history, s", corralChat.Warm, llamaChat.Warm, ""));
        figures.Add(new Figure("d. follow-up TTFT / first TTFT", corralChat.Warm / corralChat.Cold, llamaChat.Warm / llamaChat.Cold,
            "Corral <= 0.05"));

        var (corralStream, llamaStream) = await BothAsync("e", StreamingOverheadAsync);
        figures.Add(new Figure("e. client first-to-last token / server decode time - 1, %", corralStream, llamaStream, "Corral < 1%"));
        return figures;
    }

    /// <summary>A short request to each server: Corral loads the model on the first one, both warm their caches.</summary>
    public async Task WarmUpAsync()
    {
        foreach (var server in new[] { corral, llamaServer })
        {
            var warm = await server.CompleteAsync("warm up" + PromptText.Words(8), 4);
            Log(server, "warm-up", warm);
        }
    }

    private async Task<(T Corral, T LlamaServer)> BothAsync<T>(string figure, Func<BenchServer, string, Task<T>> measure)
    {
        var corralFirst = _turn++ % 2 == 0;
        T corralValue, llamaValue;
        if (corralFirst)
        {
            corralValue = await measure(corral, $"{figure}-corral");
            llamaValue = await measure(llamaServer, $"{figure}-llama");
        }
        else
        {
            llamaValue = await measure(llamaServer, $"{figure}-llama");
            corralValue = await measure(corral, $"{figure}-corral");
        }

        return (corralValue, llamaValue);
    }

    /// <summary>Generated tokens per wall-clock second with <paramref name="clients"/> requests sent at once.</summary>
    private async Task<double> AggregateAsync(BenchServer server, string tag, int clients, string prefix)
    {
        var prompts = Enumerable.Range(0, clients)
            .Select(i => $"{prefix}{tag} question {i}:{PromptText.Words(QuestionWords, offset: 7 * i)}")
            .ToArray();
        var wall = Stopwatch.StartNew();
        var results = await Task.WhenAll(prompts.Select(prompt => server.CompleteAsync(prompt, settings.StreamTokens)));
        var seconds = wall.Elapsed.TotalSeconds;
        var generated = results.Sum(r => r.GeneratedTokens);
        for (var i = 0; i < results.Length; i++)
        {
            Log(server, $"{tag} client {i}", results[i]);
        }

        Console.Error.WriteLine(Invariant($"{server.Name} {tag}: {generated} tokens in {seconds:F2} s wall = {generated / seconds:F2} tok/s"));
        return generated / seconds;
    }

    /// <summary>Time to first token of a chat's first turn (the whole history is new) and of its follow-up turn
    /// (the history is the previous prompt plus the answer, so only the new message needs evaluating). The fixture
    /// has no chat template, so the turns are rendered here as plain text and sent as raw prompts: both servers see
    /// identical text.</summary>
    private async Task<(double Cold, double Warm)> FollowUpAsync(BenchServer server, string tag)
    {
        var first = $"{tag} User:{PromptText.Words(settings.HistoryTokens)}\nAssistant:";
        var answer = await server.CompleteAsync(first, settings.StreamTokens);
        Log(server, $"{tag} first turn", answer);
        var followUp = await server.CompleteAsync($"{first}{answer.Text}\nUser: And what follows from that?\nAssistant:", settings.StreamTokens);
        Log(server, $"{tag} follow-up turn", followUp);
        return (answer.FirstTokenSeconds, followUp.FirstTokenSeconds);
    }

    /// <summary>How much longer the client waits from the first to the last streamed token than the server says
    /// decoding took, in percent, over <see cref="BenchSettings.Repetitions"/> single-stream requests of
    /// <see cref="BenchSettings.GenerateTokens"/> tokens.</summary>
    private async Task<double> StreamingOverheadAsync(BenchServer server, string tag)
    {
        double client = 0, decode = 0;
        for (var round = 0; round < settings.Repetitions; round++)
        {
            var result = await server.CompleteAsync($"{tag} stream {round}:{PromptText.Words(QuestionWords, round)}", settings.GenerateTokens);
            Log(server, $"{tag} stream {round}", result);
            client += result.ClientDecodeSeconds;
            decode += result.ServerDecodeSeconds;
        }

        return (client / decode - 1) * 100;
    }

    private static void Log(BenchServer server, string what, StreamedCompletion result) => Console.Error.WriteLine(Invariant(
        $"{server.Name} {what}: first token {result.FirstTokenSeconds:F3} s, done {result.TotalSeconds:F3} s, prompt tokens evaluated {result.PromptTokensEvaluated}, generated {result.GeneratedTokens}, server decode {result.ServerDecodeSeconds:F3} s, client first-to-last {result.ClientDecodeSeconds:F3} s"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
