using Corral.Contracts.Runner;
using Corral.Engine;
using Corral.Native;

namespace Corral.Bench;

/// <summary>
/// Corral's engine single-stream (one slot) on the benchmark model: prefill tokens/s from PromptEvalCount and
/// PromptEvalDurationNs, decode tokens/s from EvalCount and EvalDurationNs, as a client sees them in the final
/// chunk. Each repetition starts with a different word so the slot's prompt cache cannot skip the prompt.
/// </summary>
public sealed class CorralEngineRun : IThroughputProbe, IAsyncDisposable
{
    private const string Filler = " hello";

    private readonly LlamaModelRunner _runner;
    private readonly BenchSettings _settings;

    private CorralEngineRun(LlamaModelRunner runner, BenchSettings settings)
    {
        _runner = runner;
        _settings = settings;
    }

    public string Build => $"Corral engine ({LlamaBackend.LoadedCpuVariant})";

    /// <summary>Loads the model.</summary>
    public static async Task<CorralEngineRun> LoadAsync(BenchSettings settings)
    {
        LlamaBackend.LogSink = null;
        var runner = await LlamaModelRunner.LoadAsync(
            new EngineOptions
            {
                ModelPath = settings.ModelPath, ContextLength = settings.PromptTokens + settings.GenerateTokens + 16,
                Parallel = 1, BatchSize = 512, Threads = settings.Threads,
            },
            null, CancellationToken.None);
        return new CorralEngineRun(runner, settings);
    }

    /// <summary>
    /// One untimed warm-up request of the measured prompt's size and one token, then the measured request: each
    /// llama-bench run warms up the same way right before it measures, so both are measured warm. With only a short
    /// warm-up after loading, Corral's first prompt of the measured size ran ~8% slower than the ones after it.
    /// </summary>
    public async Task<(double Prefill, double Decode)> MeasureOnceAsync(int round)
    {
        await CompleteAsync(await PromptAsync($"Warm{round}", _settings.PromptTokens), 1);
        var final = await CompleteAsync(await PromptAsync($"Run{round}", _settings.PromptTokens), _settings.GenerateTokens);
        return (final.PromptEvalCount / (final.PromptEvalDurationNs / 1e9), final.EvalCount / (final.EvalDurationNs / 1e9));
    }

    public ValueTask DisposeAsync() => _runner.DisposeAsync();

    /// <summary>A prompt of exactly <paramref name="tokens"/> tokens (BOS included), checked with the real tokenizer.</summary>
    private async Task<string> PromptAsync(string first, int tokens)
    {
        var prompt = first + string.Concat(Enumerable.Repeat(Filler, tokens));
        for (var attempt = 0; attempt < tokens; attempt++)
        {
            var count = (await _runner.TokenizeAsync(new TokenizeRequest(prompt, AddSpecial: true), CancellationToken.None)).Tokens.Count;
            if (count == tokens)
            {
                return prompt;
            }

            prompt = count > tokens ? prompt[..^Filler.Length] : prompt + Filler;
        }

        throw new InvalidOperationException($"could not build a prompt of {tokens} tokens");
    }

    private async Task<CompletionChunk> CompleteAsync(string prompt, int generate)
    {
        CompletionChunk? final = null;
        var request = new CompletionRequest
        {
            Prompt = prompt, NumPredict = generate, Sampling = new SamplingParams { Temperature = 0, RepeatPenalty = 1.0f },
        };
        await foreach (var chunk in _runner.CompleteAsync(request, CancellationToken.None))
        {
            final = chunk;
        }

        return final is { Error: null }
            ? final
            : throw new InvalidOperationException($"completion failed: {final?.Error ?? "no chunks"}");
    }
}
