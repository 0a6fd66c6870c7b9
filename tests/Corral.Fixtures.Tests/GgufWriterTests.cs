using Corral.Store.Gguf;

namespace Corral.Fixtures.Tests;

public sealed class GgufWriterTests
{
    [Fact]
    public void WrittenModelReadsBackWithTheShapeAndTheCopiedVocabulary()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("model.gguf");
        var shape = new LlamaModelShape { EmbeddingLength = 32, BlockCount = 3, HeadCount = 4, HeadCountKv = 2, FeedForwardLength = 96, ContextLength = 512 };

        LlamaFixtureWriter.Write(path, shape, VocabularySource.Llama3);

        var file = GgufReader.Read(path);
        Assert.Equal(3u, file.Version);
        Assert.Equal("llama", file.Architecture);
        Assert.Equal(512ul, file.ContextLength);
        Assert.Equal(3ul, file.GetUnsigned("llama.block_count"));
        Assert.Equal("F16", file.FileTypeName);
        foreach (var (key, value) in VocabularySource.Llama3.Metadata.Where(pair => pair.Key.StartsWith("tokenizer.", StringComparison.Ordinal)))
        {
            if (value is GgufArray array)
            {
                var copy = Assert.IsType<GgufArray>(file.Metadata[key]);
                Assert.Equal(array.ElementType, copy.ElementType);
                Assert.True(array.Items.SequenceEqual(copy.Items), key);
            }
            else
            {
                Assert.Equal(value, file.Metadata[key]);
            }
        }

        var vocab = (ulong)((GgufArray)file.Metadata["tokenizer.ggml.tokens"]).Items.Count;
        Assert.Equal(1 + 3 * 9 + 2, file.Tensors.Count); // token_embd, 9 per block, output_norm, output
        Assert.Equal([32ul, vocab], file.Tensors.Single(t => t.Name == "token_embd.weight").Shape);
        Assert.Equal([32ul, 16ul], file.Tensors.Single(t => t.Name == "blk.2.attn_k.weight").Shape);
        Assert.Equal([96ul, 32ul], file.Tensors.Single(t => t.Name == "blk.0.ffn_down.weight").Shape);
        Assert.Equal("F32", file.Tensors.Single(t => t.Name == "output_norm.weight").TypeName);
        var last = file.Tensors[^1];
        Assert.Equal((long)(file.DataOffset + last.Offset + last.Size), new FileInfo(path).Length);
    }

    [Fact]
    public void FailureWhileWritingLeavesNoFileBehind()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("model.gguf");
        TensorFill failing = (_, _) => throw new IOException("disk full");

        Assert.Throws<IOException>(() => GgufWriter.Write(path, [new("general.architecture", "llama")], [new GgufTensor("t", TensorType.F32, [4], failing)]));

        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void UnsupportedMetadataValueIsRejected()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("model.gguf");

        var error = Assert.Throws<ArgumentException>(() => GgufWriter.Write(path, [new("bad", DateTime.UnixEpoch)], []));

        Assert.Contains("DateTime", error.Message);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData(64, 3, 1)]
    [InlineData(64, 4, 3)]
    [InlineData(0, 4, 4)]
    public void ImpossibleShapeIsRejected(int embd, int heads, int kvHeads)
    {
        var shape = new LlamaModelShape { EmbeddingLength = embd, HeadCount = heads, HeadCountKv = kvHeads };

        Assert.Throws<ArgumentException>(shape.Validate);
    }
}
