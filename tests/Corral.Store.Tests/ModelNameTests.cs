using Corral.Store.Names;

namespace Corral.Store.Tests;

public sealed class ModelNameTests
{
    [Theory]
    [InlineData("llama3", "registry.ollama.ai", "library", "llama3", "latest")]
    [InlineData("llama3:8b", "registry.ollama.ai", "library", "llama3", "8b")]
    [InlineData("me/llama3:8b", "registry.ollama.ai", "me", "llama3", "8b")]
    [InlineData("example.com:5000/me/llama3:q4", "example.com:5000", "me", "llama3", "q4")]
    [InlineData("https://example.com/me/llama3", "example.com", "me", "llama3", "latest")]
    [InlineData("hf.co/org/model-GGUF:Q4_K_M", "hf.co", "org", "model-GGUF", "Q4_K_M")]
    public void ParsesPartsAndDefaults(string text, string host, string ns, string model, string tag)
    {
        var name = ModelName.Parse(text);
        Assert.True(name.IsValid);
        Assert.Equal(new ModelName(host, ns, model, tag), name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("a:b:c")]
    [InlineData("llama3:")]
    [InlineData("me/")]
    [InlineData("-bad")]
    [InlineData("ns.with.dot/model")]
    [InlineData("model/with space")]
    [InlineData("a/b/c/d")]
    public void RejectsInvalidNames(string text)
    {
        Assert.False(ModelName.Parse(text).IsValid);
        var e = Assert.Throws<StoreException>(() => ModelName.ParseValid(text));
        Assert.Equal(400, e.Status);
        Assert.Equal("invalid model name", e.Message);
    }

    [Fact]
    public void EnforcesPartLengths()
    {
        Assert.True(ModelName.Parse(new string('m', 80)).IsValid);
        Assert.False(ModelName.Parse(new string('m', 81)).IsValid);
        Assert.False(ModelName.Parse("m:" + new string('t', 81)).IsValid);
        Assert.True(ModelName.Parse(new string('h', 350) + "/ns/m").IsValid);
        Assert.False(ModelName.Parse(new string('h', 351) + "/ns/m").IsValid);
    }

    [Theory]
    [InlineData("llama3", "llama3:latest")]
    [InlineData("me/llama3:8b", "me/llama3:8b")]
    [InlineData("REGISTRY.ollama.ai/Library/x", "x:latest")]
    [InlineData("example.com/me/llama3", "example.com/me/llama3:latest")]
    public void DisplaysShortest(string text, string shortest)
    {
        Assert.Equal(shortest, ModelName.Parse(text).DisplayShortest);
    }

    [Fact]
    public void MapsToManifestPath()
    {
        Assert.Equal(Path.Combine("registry.ollama.ai", "library", "llama3", "latest"),
            ModelName.Parse("llama3").ManifestRelativePath);
    }

    [Fact]
    public void ComparesIgnoringCase()
    {
        Assert.True(ModelName.Parse("LLaMa3").EqualsIgnoreCase(ModelName.Parse("llama3:LATEST")));
        Assert.False(ModelName.Parse("llama3").EqualsIgnoreCase(ModelName.Parse("llama3:8b")));
    }
}
