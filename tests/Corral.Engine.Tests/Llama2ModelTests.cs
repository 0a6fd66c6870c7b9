using Corral.Contracts.Runner;

namespace Corral.Engine.Tests;

/// <summary>
/// The Llama-2 SPM fixture. ENGINE-NOTES expected llama_sampler_init_grammar to fail for this vocabulary; with the
/// pinned v0.5.0 it builds and constrains output, so these tests check both that and that a grammar llama.cpp
/// rejects (left recursion, parse error) is a clear request error after which the runner keeps serving.
/// </summary>
public sealed class Llama2ModelTests : IAsyncLifetime
{
    private LlamaModelRunner _runner = null!;

    public async Task InitializeAsync() =>
        _runner = await LlamaModelRunner.LoadAsync(new EngineOptions
        {
            ModelPath = Path.Combine(RepositoryPaths.Models, "llama-2-tiny-random.gguf"), ContextLength = 128, Parallel = 2, BatchSize = 32, Threads = 1,
        }, null, CancellationToken.None);

    public async Task DisposeAsync() => await _runner.DisposeAsync();

    [Fact]
    public async Task GrammarOnSpmVocabularyConstrainsOutput()
    {
        var result = await Completions.RunAsync(_runner,
            new CompletionRequest { Prompt = "Hi", NumPredict = 10, Sampling = new SamplingParams { Seed = 5 }, Grammar = "root ::= \"yes\" | \"no\"" });
        Assert.Contains(result.Text, new[] { "yes", "no" });
    }

    [Theory]
    [InlineData("root ::= root \"a\" | \"b\"")]
    [InlineData("root ::= \"unterminated")]
    [InlineData("root ::= undefined-rule")]
    public async Task RejectedGrammarFailsCleanlyAndRunnerKeepsWorking(string grammar)
    {
        var error = await Assert.ThrowsAsync<EngineRequestException>(() => Completions.RunAsync(_runner,
            new CompletionRequest { Prompt = "Hi", NumPredict = 3, Grammar = grammar }));
        Assert.Contains("grammar", error.Message);

        var after = await Completions.RunAsync(_runner, new CompletionRequest { Prompt = "Hi", Sampling = Completions.Greedy, NumPredict = 3 });
        Assert.Equal(3, after.Final.EvalCount);
        var status = await _runner.GetStatusAsync(default);
        Assert.Equal("ready", status.State);
        Assert.Equal(128, status.ContextLength);
    }
}
