using Corral.Contracts.Runner;

namespace Corral.Engine.Tests;

/// <summary>Generation on the real Llama-3 fixture through the real loop.</summary>
public sealed class GenerationTests(Llama3ModelFixture fixture) : IClassFixture<Llama3ModelFixture>
{
    private LlamaModelRunner Runner => fixture.Runner;

    [Fact]
    public async Task GreedyAndSeededSamplingAreDeterministicAloneAndUnderLoad()
    {
        var greedy = new CompletionRequest { Prompt = "The quick brown fox", Sampling = Completions.Greedy, NumPredict = 12, ReturnContext = true };
        var seeded = greedy with { Sampling = new SamplingParams { Temperature = 0.9f, Seed = 42 } };

        var greedyAlone = await Completions.RunAsync(Runner, greedy);
        var seededAlone = await Completions.RunAsync(Runner, seeded);

        // The same requests again while other slots decode different prompts in the same batches.
        var noise = new List<Task<Completions.Result>>();
        for (var i = 0; i < 3; i++)
        {
            noise.Add(Completions.RunAsync(Runner, new CompletionRequest { Prompt = $"Other prompt number {i} about cats", Sampling = new SamplingParams { Seed = i }, NumPredict = 20 }));
        }

        var greedyLoaded = Completions.RunAsync(Runner, greedy);
        var seededLoaded = Completions.RunAsync(Runner, seeded);
        await Task.WhenAll(noise);

        Assert.Equal(12, greedyAlone.Final.EvalCount);
        Assert.Equal(greedyAlone.Final.Context, (await greedyLoaded).Final.Context);
        Assert.Equal(seededAlone.Final.Context, (await seededLoaded).Final.Context);
        Assert.Equal(greedyAlone.Text, (await greedyLoaded).Text);
    }

    [Fact]
    public async Task EightConcurrentRequestsOnFourSlotsAllCompleteInSharedBatches()
    {
        // A runner of its own: MaxSequencesPerBatch is a high-water mark, other tests must not have raised it.
        await using var runner = await LlamaModelRunner.LoadAsync(
            new EngineOptions { ModelPath = Llama3ModelFixture.ModelPath, ContextLength = 128, Parallel = 4, BatchSize = 64, Threads = 1 },
            null, CancellationToken.None);
        var requests = new List<Task<Completions.Result>>();
        for (var i = 0; i < 8; i++)
        {
            requests.Add(Completions.RunAsync(runner, new CompletionRequest { Prompt = $"Request {i}: tell me a story", Sampling = new SamplingParams { Seed = i }, NumPredict = 16 }));
        }

        foreach (var result in await Task.WhenAll(requests))
        {
            Assert.True(result.Final.Done);
            Assert.Equal("length", result.Final.DoneReason);
            Assert.Equal(16, result.Final.EvalCount);
        }

        var status = await runner.GetStatusAsync(CancellationToken.None);
        Assert.True(status.MaxSequencesPerBatch >= 4, $"MaxSequencesPerBatch {status.MaxSequencesPerBatch}");
        Assert.Equal(4, status.Slots.Count);
    }

    [Fact]
    public async Task SecondRequestExtendingTheFirstEvaluatesOnlyTheNewTokens()
    {
        var first = new CompletionRequest { Prompt = "Prefix reuse: alpha beta gamma delta epsilon zeta eta theta", Sampling = Completions.Greedy, NumPredict = 1 };
        var firstResult = await Completions.RunAsync(Runner, first);
        var firstTokens = (await Runner.TokenizeAsync(new TokenizeRequest(first.Prompt, AddSpecial: true), default)).Tokens.Count;

        var second = first with { Prompt = first.Prompt + " iota kappa lambda" };
        var secondTokens = (await Runner.TokenizeAsync(new TokenizeRequest(second.Prompt, AddSpecial: true), default)).Tokens.Count;
        var before = await Runner.GetStatusAsync(default);
        var secondResult = await Completions.RunAsync(Runner, second);
        var after = await Runner.GetStatusAsync(default);

        // Other tests leave cached tokens (at least BOS) in the slots, so the first request may reuse some too.
        Assert.Equal(firstTokens, firstResult.Final.PromptEvalCount + firstResult.Final.CachedPromptTokens);
        Assert.Equal(firstTokens, secondResult.Final.CachedPromptTokens);
        Assert.Equal(secondTokens - firstTokens, secondResult.Final.PromptEvalCount);
        Assert.Equal(secondTokens - firstTokens, after.PromptTokensEvaluated - before.PromptTokensEvaluated);
        Assert.Equal(firstTokens, after.PromptTokensReused - before.PromptTokensReused);
    }

    [Fact]
    public async Task CancellingFreesTheSlotAndItsKvCells()
    {
        // A runner of its own: no other request's cached cells, so every cell in use is the cancelled one's.
        await using var runner = await Llama3ModelFixture.LoadOwnAsync(contextLength: 128, parallel: 2, batchSize: 64);
        using var cancellation = new CancellationTokenSource();
        var request = new CompletionRequest { Prompt = "Cancel me: a long generation", Sampling = new SamplingParams { Seed = 7 }, NumPredict = 100_000, Stop = ["\u0001never"] };
        var received = 0;
        var slotId = -1;
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var chunk in runner.CompleteAsync(request, cancellation.Token))
            {
                if (++received == 3)
                {
                    var during = await runner.GetStatusAsync(default);
                    slotId = Assert.Single(during.Slots, s => s.State == "generating").Id;
                    Assert.True(during.Slots[slotId].CachedTokens > 0);
                    Assert.Equal(during.Slots[slotId].CachedTokens, during.KvCellsUsed);
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        // The status request is served by the loop after the iteration that saw the cancellation.
        var status = await runner.GetStatusAsync(default);
        Assert.All(status.Slots, s => Assert.Equal("idle", s.State));
        Assert.Equal(0, status.Slots[slotId].CachedTokens);
        Assert.Equal(0, status.KvCellsUsed);
    }

    [Fact]
    public async Task NumPredictEndsWithLength()
    {
        var result = await Completions.RunAsync(Runner, new CompletionRequest { Prompt = "Count", Sampling = Completions.Greedy, NumPredict = 5 });
        Assert.Equal("length", result.Final.DoneReason);
        Assert.Equal(5, result.Final.EvalCount);
        Assert.True(result.Final.EvalDurationNs > 0);
        Assert.True(result.Final.PromptEvalDurationNs > 0);
        Assert.True(result.Final.PromptEvalCount > 0);
    }

    [Fact]
    public async Task StopStringCutsTheOutputAndIsNeverSent()
    {
        var request = new CompletionRequest { Prompt = "Stop test", Sampling = Completions.Greedy, NumPredict = 24 };
        var free = await Completions.RunAsync(Runner, request);
        // Use a piece of the model's own greedy output as the stop string, so the stop must trigger.
        var stop = free.Text.Substring(free.Text.Length / 2, Math.Min(3, free.Text.Length - free.Text.Length / 2));
        var expected = free.Text[..free.Text.IndexOf(stop, StringComparison.Ordinal)];

        var stopped = await Completions.RunAsync(Runner, request with { Stop = [stop] });

        Assert.Equal("stop", stopped.Final.DoneReason);
        Assert.Equal(expected, stopped.Text);
        Assert.DoesNotContain(stop, stopped.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrammarConstrainsOutputToYesOrNo()
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var result = await Completions.RunAsync(Runner, new CompletionRequest
            {
                Prompt = "Answer:", Sampling = new SamplingParams { Seed = seed }, NumPredict = 10, Grammar = "root ::= \"yes\" | \"no\"",
            });
            Assert.Contains(result.Text, new[] { "yes", "no" });
            Assert.Equal("stop", result.Final.DoneReason);
        }
    }

    [Fact]
    public async Task InvalidGrammarFailsBeforeTheFirstChunk()
    {
        var error = await Assert.ThrowsAsync<EngineRequestException>(() => Completions.RunAsync(Runner,
            new CompletionRequest { Prompt = "x", NumPredict = 2, Grammar = "root ::= (" }));
        Assert.Contains("grammar", error.Message);
    }

    [Fact]
    public async Task LogprobsAreLogSoftmaxWithTopAlternatives()
    {
        var result = await Completions.RunAsync(Runner, new CompletionRequest
        {
            Prompt = "Logprobs", Sampling = Completions.Greedy, NumPredict = 4, Logprobs = true, TopLogprobs = 3,
        });
        var logprobs = new List<TokenLogprob>();
        foreach (var chunk in result.Chunks)
        {
            logprobs.AddRange(chunk.Logprobs ?? []);
        }

        Assert.Equal(4, logprobs.Count);
        foreach (var entry in logprobs)
        {
            Assert.True(entry.Logprob <= 0);
            Assert.Equal(3, entry.TopLogprobs!.Count);
            Assert.True(entry.TopLogprobs[0].Logprob >= entry.TopLogprobs[1].Logprob);
            // Greedy: the chosen token is the most likely one.
            Assert.Equal(entry.TopLogprobs[0].Logprob, entry.Logprob, 4);
            Assert.Equal(System.Text.Encoding.UTF8.GetString([.. entry.Bytes]), entry.Token);
        }
    }

    [Fact]
    public async Task GenerationPastTheContextShiftsOrStopsWithLength()
    {
        var request = new CompletionRequest { Prompt = "Shift", Sampling = Completions.Greedy, NumCtx = 32, NumKeep = 2, NumPredict = 80 };
        var shifted = await Completions.RunAsync(Runner, request);
        Assert.Equal(80, shifted.Final.EvalCount);
        Assert.Equal("length", shifted.Final.DoneReason);

        var noShift = await Completions.RunAsync(Runner, request with { Shift = false });
        Assert.Equal("length", noShift.Final.DoneReason);
        Assert.True(noShift.Final.EvalCount < 32, $"EvalCount {noShift.Final.EvalCount}");
    }

    [Fact]
    public async Task PromptLongerThanContextIsTruncatedOrRejected()
    {
        var longPrompt = string.Join(' ', Enumerable.Repeat("word", 100));
        var request = new CompletionRequest { Prompt = longPrompt, Sampling = Completions.Greedy, NumCtx = 40, NumKeep = 4, NumPredict = 2 };
        var truncated = await Completions.RunAsync(Runner, request);
        Assert.True(truncated.Final.TruncatedPromptTokens > 0);
        Assert.True(truncated.Final.PromptEvalCount + truncated.Final.CachedPromptTokens <= 40);

        var error = await Assert.ThrowsAsync<EngineRequestException>(() => Completions.RunAsync(Runner, request with { Truncate = false }));
        Assert.Equal(EngineRequestException.PromptTooLong, error.Message);
    }

    [Fact]
    public async Task TokenizeDetokenizeRoundTrip()
    {
        var tokens = await Runner.TokenizeAsync(new TokenizeRequest("Hello, world!"), default);
        Assert.NotEmpty(tokens.Tokens);
        var text = await Runner.DetokenizeAsync(new DetokenizeRequest(tokens.Tokens), default);
        Assert.Equal("Hello, world!", text.Content);
        await Assert.ThrowsAsync<EngineRequestException>(() => Runner.DetokenizeAsync(new DetokenizeRequest([-5]), default));
    }

    [Fact]
    public async Task EmbeddingsAreNormalisedPerInput()
    {
        var response = await Runner.EmbedAsync(new EmbeddingRequest { Inputs = ["first input", "a second, longer input text"] }, default);
        Assert.Equal(2, response.Embeddings.Count);
        foreach (var vector in response.Embeddings)
        {
            Assert.Equal(64, vector.Length);
            double sum = 0;
            foreach (var v in vector)
            {
                sum += v * v;
            }

            Assert.Equal(1.0, Math.Sqrt(sum), 3);
        }

        Assert.NotEqual(response.Embeddings[0], response.Embeddings[1]);
        // Inputs share decodes as separate sequences: each must come out as if embedded alone (10 inputs span two decodes).
        var inputs = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            inputs.Add(i % 3 == 0 ? "first input" : $"filler input number {i}");
        }

        var many = await Runner.EmbedAsync(new EmbeddingRequest { Inputs = inputs }, default);
        for (var i = 0; i < 10; i += 3)
        {
            for (var d = 0; d < 64; d++)
            {
                Assert.Equal(response.Embeddings[0][d], many.Embeddings[i][d], 4);
            }
        }

        var raw = await Runner.EmbedAsync(new EmbeddingRequest { Inputs = ["first input"], Normalize = false }, default);
        Assert.NotEqual(response.Embeddings[0], raw.Embeddings[0]);

        var tooLong = new EmbeddingRequest { Inputs = [string.Join(' ', Enumerable.Repeat("word", 400))], Truncate = false };
        var error = await Assert.ThrowsAsync<EngineRequestException>(() => Runner.EmbedAsync(tooLong, default));
        Assert.Equal(EngineRequestException.InputTooLong, error.Message);
        Assert.Single((await Runner.EmbedAsync(tooLong with { Truncate = true }, default)).Embeddings);
    }
}
