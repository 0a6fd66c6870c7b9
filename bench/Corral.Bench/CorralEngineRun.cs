using Corral.Contracts.Runner;
using Corral.Engine;
using Corral.Native;

namespace Corral.Bench;

/// <summary>
/// Corral's engine single-stream (one slot) on the benchmark model: prefill tokens/s from PromptEvalCount and
/// PromptEvalDurationNs, decode tokens/s from EvalCount and EvalDurationNs, as a client sees them in the final
/// chunk. Each repetition starts with a different word so the slot's prompt cache cannot skip the prompt.
/// </summary>
public static class CorralEngineRun
{
    public static async Task<Throughput> MeasureAsync(BenchSettings settings)
    {
        LlamaBackend.LogSink = null;
        await using var runner = await LlamaModelRunner.LoadAsync(
            new EngineOptions
            {
                ModelPath = settings.ModelPath, ContextLength = settings.PromptTokens + settings.GenerateTokens + 16,
                Parallel = 1, BatchSize = 512, Threads = settings.Threads,
            },
            null, CancellationToken.None);

        await RunAsync(runner, await PromptAsync(runner, "Warm", 16), 4);
        var prefill = new List<double>();
        var decode = new List<double>();
        for (var repetition = 0; repetition < settings.Repetitions; repetition++)
        {
            var prompt = await PromptAsync(runner, $"Run{repetition}", settings.PromptTokens);
            var final = await RunAsync(runner, prompt, settings.GenerateTokens);
            prefill.Add(final.PromptEvalCount / (final.PromptEvalDurationNs / 1e9));
            decode.Add(final.EvalCount / (final.EvalDurationNs / 1e9));
        }

        return Throughput.FromSamples($"Corral engine ({LlamaBackend.LoadedCpuVariant})", prefill, decode);
    }

    /// <summary>A prompt of exactly <paramref name="tokens"/> tokens (BOS included), checked with the real tokenizer.</summary>
    private static async Task<string> PromptAsync(IModelRunner runner, string first, int tokens)
    {
        var prompt = first + string.Concat(Enumerable.Repeat(" hello", tokens));
        for (var attempt = 0; attempt < tokens; attempt++)
        {
            var count = (await runner.TokenizeAsync(new TokenizeRequest(prompt, AddSpecial: true), CancellationToken.None)).Tokens.Count;
            if (count == tokens)
            {
                return prompt;
            }

            prompt = count > tokens ? prompt[..^" hello".Length] : prompt + " hello";
        }

        throw new InvalidOperationException($"could not build a prompt of {tokens} tokens");
    }

    private static async Task<CompletionChunk> RunAsync(IModelRunner runner, string prompt, int generate)
    {
        CompletionChunk? final = null;
        var request = new CompletionRequest
        {
            Prompt = prompt, NumPredict = generate, Sampling = new SamplingParams { Temperature = 0, RepeatPenalty = 1.0f },
        };
        await foreach (var chunk in runner.CompleteAsync(request, CancellationToken.None))
        {
            final = chunk;
        }

        return final?.Error is null && final is not null
            ? final
            : throw new InvalidOperationException($"completion failed: {final?.Error ?? "no chunks"}");
    }
}
