using Corral.Contracts.Runner;

namespace Corral.Engine.Tests;

/// <summary>Scheduler fairness on the real loop: a long prompt is evaluated num_batch tokens per decode, and the
/// slots already generating get their next token in each of those decodes instead of waiting for it.</summary>
public sealed class PrefillChunkingTests
{
    [Fact]
    public async Task GeneratingSlotKeepsStreamingWhileALongPromptPrefills()
    {
        await using var runner = await Llama3ModelFixture.LoadOwnAsync(contextLength: 512, parallel: 2, batchSize: 4);
        using var stop = new CancellationTokenSource();
        var streaming = Completions.RunAsync(runner, new CompletionRequest { Prompt = "Stream", Sampling = Completions.Greedy, NumPredict = 100_000, Stop = ["\u0001never"] }, stop.Token);
        var generating = await StatusPolling.UntilAsync(runner, status => status.Slots.Any(s => s.State == "generating"));
        var streamer = generating.Slots.Single(s => s.State == "generating").Id;

        // ~300 prompt tokens at 4 per decode: the prompt stays in prefill for about 75 decodes.
        var longPrompt = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"Rule {i} applies."));
        var prefilling = Completions.RunAsync(runner, new CompletionRequest { Prompt = longPrompt, Sampling = Completions.Greedy, NumPredict = 1 });
        var first = await StatusPolling.UntilAsync(runner, status => status.Slots.Any(s => s.State == "prefill") || prefilling.IsCompleted);
        Assert.Contains(first.Slots, s => s.State == "prefill");
        var later = await StatusPolling.UntilAsync(runner, status => status.Slots[streamer].CachedTokens > first.Slots[streamer].CachedTokens + 5
            || !status.Slots.Any(s => s.State == "prefill"));

        // The streaming slot advanced by several tokens while the other slot was still evaluating its prompt.
        Assert.Contains(later.Slots, s => s.State == "prefill");
        Assert.True(later.Slots[streamer].CachedTokens > first.Slots[streamer].CachedTokens + 5);
        var prompt = await prefilling;
        Assert.Equal(1, prompt.Final.EvalCount);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => streaming);
    }
}
