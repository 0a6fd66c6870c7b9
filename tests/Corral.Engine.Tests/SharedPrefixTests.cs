using Corral.Contracts.Runner;

namespace Corral.Engine.Tests;

/// <summary>
/// Cross-slot prefix sharing on the real Llama-3 fixture: a prompt prefix another slot has decoded is copied with
/// llama_memory_seq_cp instead of being computed again, concurrent requests wait for the one computing their
/// common prefix, and greedy outputs stay what each request produces alone. Each test loads its own runner: the
/// counters are compared from a clean start.
/// </summary>
public sealed class SharedPrefixTests
{
    private static readonly string[] Topics = ["apple", "river", "mountain", "violet", "engine", "quiet", "harbor", "zebra"];

    /// <summary>About 300 tokens ending in a full stop, so every suffix below starts a new token.</summary>
    private static readonly string SystemPrompt =
        "You are a careful assistant. " + string.Join(' ', Enumerable.Range(0, 60).Select(i => $"Rule {i} applies.")) + ".";

    private static CompletionRequest Ask(string topic, int numPredict = 8) => new()
    {
        Prompt = SystemPrompt + $" {topic} is the topic of this question about {topic}s",
        Sampling = Completions.Greedy,
        NumPredict = numPredict,
        ReturnContext = true,
    };

    [Fact]
    public async Task EightConcurrentRequestsComputeAndStoreTheirCommonPrefixOnce()
    {
        var requests = Topics.Select(topic => Ask(topic)).ToArray();
        var alone = await RunAloneAsync(requests, 8, 64);

        await using var runner = await Llama3ModelFixture.LoadOwnAsync(512, 8, 64);
        var prompts = await TokenizeAsync(runner, requests);
        var common = CommonPrefixOfAll(prompts);
        Assert.True(common > 250, $"common prefix {common}");

        var results = await Task.WhenAll(requests.Select(r => Completions.RunAsync(runner, r)));
        var status = await runner.GetStatusAsync(default);

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(alone[i].Final.Context, results[i].Final.Context);
            Assert.Equal(8, results[i].Final.EvalCount);
        }

        // Computed once: one request evaluated the whole prefix, the other seven only their own suffixes.
        Assert.Equal(common + prompts.Sum(p => p.Length - common), status.PromptTokensEvaluated);
        Assert.Equal(7 * common, status.PromptTokensShared);
        Assert.Equal(7, results.Count(r => r.Final.CachedPromptTokens == common));
        Assert.All(results, r => Assert.Equal(r.Final.PromptEvalCount + r.Final.CachedPromptTokens, r.Final.Context!.Count - 8));

        // Stored once: every idle slot still holds its request, and the prefix's cells count once among them.
        var referenced = status.Slots.Sum(s => s.CachedTokens);
        Assert.Equal(8, status.Slots.Count(s => s.CachedTokens > common));
        Assert.Equal(common + (referenced - 8 * common), status.KvCellsUsed);
        Assert.True(status.KvCellsUsed < referenced / 4, $"{status.KvCellsUsed} distinct cells for {referenced} referenced");
    }

    [Fact]
    public async Task LaterRequestCopiesThePrefixFromAnotherSlot()
    {
        var first = Ask(Topics[0]);
        var later = Ask(Topics[1]);
        var alone = await RunAloneAsync([later], 2, 64);

        await using var runner = await Llama3ModelFixture.LoadOwnAsync(512, 2, 64);
        var prompts = await TokenizeAsync(runner, [first, later]);
        var common = CommonPrefixOfAll(prompts);
        await Completions.RunAsync(runner, first);

        // The first request's slot is busy again with a continuation of its own cache, so the later request
        // gets the other (empty) slot and can only avoid computing the prefix by copying it across slots.
        using var busy = new CancellationTokenSource();
        var continuation = first with { Prompt = first.Prompt + " and more", NumPredict = 100_000, Stop = ["\u0001never"] };
        var blocker = Completions.RunAsync(runner, continuation, busy.Token);
        await StatusPolling.UntilAsync(runner, status => status.Slots.Any(s => s.State == "generating"));
        var before = await runner.GetStatusAsync(default);
        var result = await Completions.RunAsync(runner, later);
        var after = await runner.GetStatusAsync(default);
        await busy.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocker);

        Assert.Equal(alone[0].Final.Context, result.Final.Context);
        Assert.Equal(common, result.Final.CachedPromptTokens);
        Assert.Equal(prompts[1].Length - common, result.Final.PromptEvalCount);
        Assert.Equal(common, after.PromptTokensShared - before.PromptTokensShared);
        Assert.Equal(0, after.PromptTokensReused - before.PromptTokensReused);
    }

    [Fact]
    public async Task CancellingTheLeaderStillCompletesTheWaitingRequests()
    {
        var requests = Topics.Take(3).Select(topic => Ask(topic)).ToArray();
        var alone = await RunAloneAsync(requests, 5, 1);

        // One token of prompt per decode, and a generating slot that makes every decode compute logits: the
        // leader prefills for hundreds of decodes, long enough to see the others waiting on it.
        await using var runner = await Llama3ModelFixture.LoadOwnAsync(512, 5, 1);
        using var noiseCancellation = new CancellationTokenSource();
        var noise = Completions.RunAsync(runner, new CompletionRequest { Prompt = "noise", Sampling = Completions.Greedy, NumPredict = 100_000, Stop = ["\u0001never"] }, noiseCancellation.Token);
        await StatusPolling.UntilAsync(runner, status => status.Slots.Any(s => s.State == "generating"));

        using var leaderCancellation = new CancellationTokenSource();
        var leader = Completions.RunAsync(runner, Ask("leader", 100_000), leaderCancellation.Token);
        await StatusPolling.UntilAsync(runner, status => status.Slots.Any(s => s.State == "prefill"));
        var followers = requests.Select(r => Completions.RunAsync(runner, r)).ToArray();
        var waiting = await StatusPolling.UntilAsync(runner, status => status.Slots.Count(s => s.State == "waiting") == 3
            || !status.Slots.Any(s => s.State == "prefill"));
        Assert.True(waiting.Slots.Count(s => s.State == "waiting") == 3, "the leader finished its prefill before the others were seen waiting");
        await leaderCancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);

        var results = await Task.WhenAll(followers);
        await noiseCancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => noise);
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(alone[i].Final.Context, results[i].Final.Context);
        }

        // The cancelled leader's cells are gone; one follower computed the prefix again, the other two waited for
        // it and copied it, so its cells count once.
        var common = CommonPrefixOfAll(await TokenizeAsync(runner, requests));
        var status = await runner.GetStatusAsync(default);
        Assert.Equal(2, results.Count(r => r.Final.CachedPromptTokens == common));
        Assert.Equal(status.Slots.Sum(s => s.CachedTokens) - 2 * common, status.KvCellsUsed);
    }

    [Fact]
    public async Task ShiftingASequenceNeverMovesCellsAnotherSequenceShares()
    {
        // The shifting request copies the reader's ~145-token prefix, then fills its 160-token context and shifts
        // from position 80 on (keep BOS, discard 79): moving those cells would move them for the reader too.
        var prefix = string.Join(' ', Enumerable.Range(0, 36).Select(i => $"Line {i}."));
        var reader = new CompletionRequest { Prompt = prefix + " reading", Sampling = Completions.Greedy, NumPredict = 150, ReturnContext = true, Logprobs = true };
        var shifting = reader with { Prompt = prefix + " shifting", NumCtx = 160, NumPredict = 40 };
        var alone = await RunAloneAsync([reader], 2, 64);

        await using var runner = await Llama3ModelFixture.LoadOwnAsync(512, 2, 64);
        var prompts = await TokenizeAsync(runner, [reader, shifting]);
        var common = CommonPrefixOfAll(prompts);
        Assert.InRange(prompts[1].Length, 120, 155);

        var reading = Completions.RunAsync(runner, reader);
        await StatusPolling.UntilAsync(runner, status => status.Slots.Any(s => s.State == "generating"));
        var shifted = await Completions.RunAsync(runner, shifting);
        var result = await reading;

        Assert.Equal(common, shifted.Final.CachedPromptTokens);
        Assert.Equal(40, shifted.Final.EvalCount);
        Assert.Equal(alone[0].Final.Context, result.Final.Context);
        // The random-weight fixture's attention barely moves its argmax, so compare log-probabilities: batching
        // noise stays under 2e-4 here, while shifting the shared cells under the reader drifts past 1e-3.
        var expected = alone[0].Chunks.SelectMany(c => c.Logprobs ?? []).ToArray();
        var actual = result.Chunks.SelectMany(c => c.Logprobs ?? []).ToArray();
        Assert.Equal(150, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.InRange(Math.Abs(pair.First.Logprob - pair.Second.Logprob), 0, 5e-4));
    }

    /// <summary>Each request on a fresh runner of the same shape: computed from scratch, nothing shared.</summary>
    private static async Task<Completions.Result[]> RunAloneAsync(IReadOnlyList<CompletionRequest> requests, int parallel, int batchSize)
    {
        var results = new Completions.Result[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            await using var runner = await Llama3ModelFixture.LoadOwnAsync(512, parallel, batchSize);
            results[i] = await Completions.RunAsync(runner, requests[i]);
        }

        return results;
    }

    private static async Task<int[][]> TokenizeAsync(LlamaModelRunner runner, IEnumerable<CompletionRequest> requests)
    {
        var prompts = new List<int[]>();
        foreach (var request in requests)
        {
            prompts.Add([.. (await runner.TokenizeAsync(new TokenizeRequest(request.Prompt, AddSpecial: true), default)).Tokens]);
        }

        return [.. prompts];
    }

    /// <summary>The prefix every pair of prompts shares (asserted to be the same for every pair, so each request
    /// can copy exactly this much and no more).</summary>
    private static int CommonPrefixOfAll(int[][] prompts)
    {
        var common = prompts[0].AsSpan().CommonPrefixLength(prompts[1]);
        for (var i = 0; i < prompts.Length; i++)
        {
            for (var j = i + 1; j < prompts.Length; j++)
            {
                Assert.Equal(common, prompts[i].AsSpan().CommonPrefixLength(prompts[j]));
            }
        }

        return common;
    }
}
