using Corral.Store.Gguf;

namespace Corral.Store.Tests;

public sealed class GgufReaderTests
{
    [Fact]
    public void ReadsLlama2Fixture()
    {
        var gguf = GgufReader.Read(TestPaths.TinyLlama2);
        Assert.Equal("llama", gguf.Architecture);
        Assert.Equal("llama", gguf.TokenizerModel);
        Assert.NotEmpty(gguf.Tensors);
        Assert.True(gguf.ParameterCount > 0);
        Assert.NotNull(gguf.ContextLength);
        Assert.NotNull(gguf.EmbeddingLength);
        Assert.All(gguf.Tensors, t => Assert.True(t.Offset + t.Size + gguf.DataOffset <= (ulong)new FileInfo(TestPaths.TinyLlama2).Length));
    }

    [Fact]
    public void ReadsF16Fixture()
    {
        var gguf = GgufReader.Read(TestPaths.TinyF16);
        Assert.Equal("llama", gguf.Architecture);
        Assert.Equal("gpt2", gguf.TokenizerModel);
        Assert.Equal("F16", gguf.FileTypeName);
        Assert.Contains(gguf.Tensors, t => t.TypeName == "F16");
    }
}
