using Corral.Store.Gguf;

namespace Corral.Fixtures;

/// <summary>
/// Writes a random-weight llama-architecture GGUF of any <see cref="LlamaModelShape"/> with the vocabulary
/// (every <c>tokenizer.*</c> pair) copied from another GGUF, e.g. the Llama-3 BPE one in rand-tiny-f16.gguf or
/// llama.cpp's <c>models/ggml-vocab-*.gguf</c>. Tensor names and shapes follow llama.cpp's LLM_ARCH_LLAMA
/// (src/llama-arch.cpp, src/llama-model.cpp).
/// </summary>
public static class LlamaFixtureWriter
{
    private const string TokenizerPrefix = "tokenizer.";
    private const float WeightScale = 0.05f;

    /// <summary>
    /// Writes the model. With <paramref name="script"/> (distinct token ids), the model is "scripted": greedy
    /// decoding after any token outside the script yields script[0], then script[1], ... in order (end the script
    /// with an end-of-generation token such as &lt;|eot_id|&gt; to stop there). See <see cref="ScriptedWeights"/>.
    /// </summary>
    public static void Write(string path, LlamaModelShape shape, GgufFile vocabulary, int seed = 0, IReadOnlyList<int>? script = null)
    {
        shape.Validate();
        var vocabSize = VocabularySize(vocabulary);
        var scripted = script is null ? null : new ScriptedWeights(script, shape.EmbeddingLength, vocabSize);
        if (scripted is not null && shape.TiedEmbeddings)
        {
            throw new ArgumentException("a scripted model needs its own output.weight: TiedEmbeddings must be false");
        }

        GgufWriter.Write(path, Metadata(shape, vocabulary, vocabSize), Tensors(shape, vocabSize, seed, scripted));
    }

    private static int VocabularySize(GgufFile vocabulary) =>
        vocabulary.Metadata.GetValueOrDefault("tokenizer.ggml.tokens") is GgufArray { ElementType: GgufValueType.String } tokens
            ? tokens.Items.Count
            : throw new ArgumentException("the vocabulary source has no tokenizer.ggml.tokens string array");

    private static IEnumerable<KeyValuePair<string, object>> Metadata(LlamaModelShape shape, GgufFile vocabulary, int vocabSize)
    {
        var pairs = new List<KeyValuePair<string, object>>
        {
            new("general.architecture", "llama"),
            new("general.name", $"corral-fixture-{shape.EmbeddingLength}x{shape.BlockCount}"),
            new("general.file_type", (uint)shape.FileType),
            new("llama.vocab_size", (uint)vocabSize),
            new("llama.context_length", (uint)shape.ContextLength),
            new("llama.embedding_length", (uint)shape.EmbeddingLength),
            new("llama.block_count", (uint)shape.BlockCount),
            new("llama.feed_forward_length", (uint)shape.FeedForwardLength),
            new("llama.attention.head_count", (uint)shape.HeadCount),
            new("llama.attention.head_count_kv", (uint)shape.HeadCountKv),
            new("llama.rope.dimension_count", (uint)shape.HeadDimension),
            new("llama.rope.freq_base", shape.RopeFreqBase),
            new("llama.attention.layer_norm_rms_epsilon", shape.RmsNormEpsilon),
        };
        pairs.AddRange(vocabulary.Metadata.Where(pair => pair.Key.StartsWith(TokenizerPrefix, StringComparison.Ordinal)));
        return pairs;
    }

    private static List<GgufTensor> Tensors(LlamaModelShape shape, int vocabSize, int seed, ScriptedWeights? scripted)
    {
        var embd = (ulong)shape.EmbeddingLength;
        var kv = (ulong)(shape.HeadDimension * shape.HeadCountKv);
        var ff = (ulong)shape.FeedForwardLength;
        var vocab = (ulong)vocabSize;
        GgufTensor Matrix(string name, ulong columns, ulong rows, TensorFill? fill = null) =>
            new(name, shape.FileType, [columns, rows], fill ?? RandomWeights.Uniform(seed, name, WeightScale));
        GgufTensor Norm(string name) => new(name, TensorType.F32, [embd], RandomWeights.Constant(1f));

        // A scripted model's attention and feed-forward blocks add nothing to the residual stream, so the last
        // hidden state is the current token's embedding (ENGINE-NOTES.md, "Making a real model say an exact thing").
        var zero = scripted is null ? null : RandomWeights.Constant(0f);
        var tensors = new List<GgufTensor> { Matrix("token_embd.weight", embd, vocab, scripted is null ? null : scripted.Embedding) };
        for (var block = 0; block < shape.BlockCount; block++)
        {
            var prefix = $"blk.{block}.";
            tensors.Add(Norm(prefix + "attn_norm.weight"));
            tensors.Add(Matrix(prefix + "attn_q.weight", embd, embd));
            tensors.Add(Matrix(prefix + "attn_k.weight", embd, kv));
            tensors.Add(Matrix(prefix + "attn_v.weight", embd, kv));
            tensors.Add(Matrix(prefix + "attn_output.weight", embd, embd, zero));
            tensors.Add(Norm(prefix + "ffn_norm.weight"));
            tensors.Add(Matrix(prefix + "ffn_gate.weight", embd, ff));
            tensors.Add(Matrix(prefix + "ffn_up.weight", embd, ff));
            tensors.Add(Matrix(prefix + "ffn_down.weight", ff, embd, zero));
        }

        tensors.Add(Norm("output_norm.weight"));
        if (!shape.TiedEmbeddings)
        {
            tensors.Add(Matrix("output.weight", embd, vocab, scripted is null ? null : scripted.Output));
        }

        return tensors;
    }
}
