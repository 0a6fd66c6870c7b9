using Corral.Store.Gguf;
using Corral.Store.Show;

namespace Corral.Store.Tests;

public sealed class CapabilitiesTests
{
    private static GgufFile Gguf(params (string Key, uint Value)[] keys)
    {
        var builder = new GgufBuilder().String("general.architecture", "bert");
        foreach (var (key, value) in keys)
        {
            builder.UInt32(key, value);
        }

        var bytes = builder.Build(0);
        return GgufReader.Read(new MemoryStream(bytes), bytes.Length);
    }

    [Fact]
    public void PoolingTypeMeansEmbeddingOtherwiseCompletion()
    {
        Assert.Equal(["embedding"], Capabilities.Derive(Gguf(("bert.pooling_type", 1)), null, false, "bert"));
        Assert.Equal(["completion"], Capabilities.Derive(Gguf(), null, false, "bert"));
        Assert.Equal(["completion", "vision"], Capabilities.Derive(Gguf(("bert.vision.block_count", 4)), null, false, "bert"));
    }

    [Fact]
    public void TemplateFieldsDeriveToolsInsertThinking()
    {
        // Thinking needs tags around .Thinking inside a range over .Messages (Ollama's thinking.InferTags).
        const string template = "{{ if .Tools }}t{{ end }}{{ .Prompt }}{{ if .Suffix }}{{ .Suffix }}{{ end }}" +
            "{{ range .Messages }}{{ if .Thinking }}<think>{{ .Thinking }}</think>{{ end }}{{ end }}";
        Assert.Equal(["completion", "tools", "insert", "thinking"], Capabilities.Derive(Gguf(), template, false, "llama"));
        Assert.Equal(["completion"], Capabilities.Derive(Gguf(), "Tools and .Suffix outside actions {{ .Prompt }}", false, "llama"));
        Assert.Equal(["completion", "vision"], Capabilities.Derive(Gguf(), "{{ .Prompt }}", true, "llama"));
        Assert.Equal(["completion", "thinking"], Capabilities.Derive(Gguf(), "{{ .Prompt }}", false, "gptoss"));
    }

    [Fact]
    public void ModelInfoElidesLongArraysUnlessVerbose()
    {
        var gguf = GgufReader.Read(TestPaths.TinyLlama2);
        var info = ModelInfoBuilder.Build(gguf, verbose: false);
        Assert.Equal("[]", info["tokenizer.ggml.tokens"]!.ToJsonString());
        Assert.False(info.ContainsKey("general.name"));
        Assert.Equal(gguf.ParameterCount, info["general.parameter_count"]!.GetValue<ulong>());
        Assert.Equal(info.Select(kv => kv.Key).Order(StringComparer.Ordinal), info.Select(kv => kv.Key));

        var verbose = ModelInfoBuilder.Build(gguf, verbose: true);
        Assert.True(verbose["tokenizer.ggml.tokens"]!.AsArray().Count > 5);
    }
}
