using Corral.Store.Gguf;

namespace Corral.Fixtures.Tests;

/// <summary>Models written by the fixture tool, loaded and run by the real engine.</summary>
public sealed class GeneratedModelTests
{
    [Fact]
    public async Task RandomModelLoadsInTheEngineAndGenerates()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("random.gguf");
        LlamaFixtureWriter.Write(path, new LlamaModelShape { HeadCountKv = 2 }, VocabularySource.Llama3, seed: 7);

        await using var runner = await Engine.LoadAsync(path);
        var (_, final) = await Engine.CompleteAsync(runner, "The quick brown fox", numPredict: 6);

        Assert.Null(final.Error);
        Assert.Equal("length", final.DoneReason);
        Assert.Equal(6, final.EvalCount);
        Assert.Equal(5, final.PromptEvalCount); // <|begin_of_text|> + 4 words: the copied tokenizer is in use
        Assert.Equal("llama", runner.GetMetadata("general.architecture"));
    }

    [Fact]
    public async Task CommandWritesAQuantizedModelThatGenerates()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("q4.gguf");

        FixtureCommand.Run(["--vocab", VocabularySource.Path, "--out", path, "--n-embd", "256", "--n-ff", "512",
            "--n-layer", "1", "--tied", "--quantize", "Q4_K_M"]);

        var file = GgufReader.Read(path);
        Assert.Equal("Q4_K_M", file.FileTypeName);
        Assert.Contains(file.Tensors, t => t.TypeName == "Q4_K");
        Assert.DoesNotContain(file.Tensors, t => t.Name == "output.weight");
        Assert.Equal(["q4.gguf"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
        await using var runner = await Engine.LoadAsync(path);
        var (_, final) = await Engine.CompleteAsync(runner, "Hello", numPredict: 4);
        Assert.Equal(4, final.EvalCount);
    }

    [Theory]
    [InlineData("--bogus", "1")]
    [InlineData("--n-embd", "-3")]
    [InlineData("--quantize", "Q3_XYZ")]
    [InlineData("--type", "bf16")]
    [InlineData("--type", "7")]
    [InlineData("--script", "12,x")]
    [InlineData("--script", "12,12")]
    public void CommandRejectsBadArgumentsWithoutWritingAnything(string option, string value)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("model.gguf");

        Assert.Throws<ArgumentException>(() => FixtureCommand.Run(["--vocab", VocabularySource.Path, "--out", path, option, value]));

        Assert.Empty(Directory.GetFiles(directory.Path));
    }
}
