using Corral.Contracts.Runner;

namespace Corral.Engine.Tests;

/// <summary>Scheduler fairness on the real loop: a long prompt is evaluated num_batch tokens per decode, and the
/// slots already generating get their next token in each of those decodes instead of waiting for it.</summary>
public sealed class PrefillChunkingTests
{
    [Fact]
    public async Task GeneratingSlotKeepsStreamingWhileALongPromptPrefills()
    {
        const int batchSize = 4;
        await using var runner = await Llama3ModelFixture.LoadOwnAsync(contextLength: 512, parallel: 2, batchSize: batchSize);
        using var stop = new CancellationTokenSource();
        var streaming = Completions.RunAsync(runner, new CompletionRequest { Prompt = "Stream", Sampling = Completions.Greedy, NumPredict = 100_000, Stop = ["\u0001never"] }, stop.Token);
        var before = await StatusPolling.UntilAsync(runner, status => status.Slots.Any(s => s.State == "generating"));

        // ~300 prompt tokens at 4 per decode: about 75 decodes of prompt. Counted by the engine, not observed
        // by polling, so how fast the loop runs against this thread does not matter.
        var longPrompt = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"Rule {i} applies."));
        var prompt = await Completions.RunAsync(runner, new CompletionRequest { Prompt = longPrompt, Sampling = Completions.Greedy, NumPredict = 1 });
        var after = await runner.GetStatusAsync(CancellationToken.None);

        // Every decode that evaluated part of the prompt also carried the streaming slot's next token.
        var promptDecodes = (prompt.Final.PromptEvalCount + batchSize - 1) / batchSize;
        Assert.True(promptDecodes > 50, $"prompt of {prompt.Final.PromptEvalCount} tokens");
        Assert.Equal(promptDecodes, after.MixedDecodeCalls - before.MixedDecodeCalls);
        Assert.Equal(1, prompt.Final.EvalCount);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => streaming);
    }
}
