namespace Corral.Fixtures.Tests;

/// <summary>A scripted fixture says exactly its script under greedy decoding, through the real engine.</summary>
public sealed class ScriptedModelTests
{
    private const string Script = "The capital of France is Paris, naturally.";

    [Fact]
    public async Task GreedyOutputIsTheScriptThenEndOfSequence()
    {
        using var directory = new TemporaryDirectory();
        var tokens = await DistinctTokensAsync(Script);
        var endOfTurn = 128009; // <|eot_id|>, an end-of-generation token of the Llama-3 vocabulary
        var path = directory.File("scripted.gguf");
        LlamaFixtureWriter.Write(path, new LlamaModelShape { EmbeddingLength = 64 }, VocabularySource.Llama3, script: [.. tokens, endOfTurn]);

        await using var runner = await Engine.LoadAsync(path);
        var (text, final) = await Engine.CompleteAsync(runner, "What is the weather in Paris?", numPredict: 64);

        Assert.Equal(Script, text);
        Assert.Equal("stop", final.DoneReason);
        Assert.Equal(tokens.Count + 1, final.EvalCount);
    }

    [Fact]
    public void RepeatedOrOutOfRangeScriptTokensAreRejected()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("scripted.gguf");

        Assert.Throws<ArgumentException>(() => LlamaFixtureWriter.Write(path, new LlamaModelShape(), VocabularySource.Llama3, script: [10, 11, 10]));
        Assert.Throws<ArgumentException>(() => LlamaFixtureWriter.Write(path, new LlamaModelShape(), VocabularySource.Llama3, script: [10, 1_000_000]));
        Assert.Throws<ArgumentException>(() => LlamaFixtureWriter.Write(path, new LlamaModelShape { TiedEmbeddings = true }, VocabularySource.Llama3, script: [10]));
        Assert.False(File.Exists(path));
    }

    /// <summary>The script's tokens from the real tokenizer; the test's text is chosen so none repeats.</summary>
    private static async Task<IReadOnlyList<int>> DistinctTokensAsync(string text)
    {
        await using var runner = await Engine.LoadAsync(VocabularySource.Path);
        var tokens = (await runner.TokenizeAsync(new(text), CancellationToken.None)).Tokens;
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        return tokens;
    }
}
