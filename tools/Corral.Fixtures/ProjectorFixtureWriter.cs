using Corral.Store.Gguf;

namespace Corral.Fixtures;

/// <summary>
/// Writes a random-weight vision projector GGUF that llama.cpp's libmtmd loads for real (tools/mtmd/clip.cpp
/// load_hparams/load_tensors, graph models/llava.cpp): a CLIP ViT with LLaVA's MLP projector, the cheapest
/// projector type clip.cpp supports. Its output width is the text model's n_embd, so images become that many-wide
/// embeddings decoded into the text model like tokens.
/// </summary>
public static class ProjectorFixtureWriter
{
    private const float WeightScale = 0.05f;

    public static void Write(string path, ProjectorShape shape, int seed = 0)
    {
        shape.Validate();
        GgufWriter.Write(path, Metadata(shape), Tensors(shape, seed));
    }

    private static IEnumerable<KeyValuePair<string, object>> Metadata(ProjectorShape shape)
    {
        static GgufArray Floats(params float[] values) => new(GgufValueType.Float32, [.. values.Cast<object>()]);
        return
        [
            new("general.architecture", "clip"),
            new("general.name", $"corral-projector-fixture-{shape.ProjectionLength}"),
            new("clip.projector_type", "mlp"),
            new("clip.has_vision_encoder", true),
            new("clip.use_gelu", true),
            new("clip.vision.image_size", (uint)shape.ImageSize),
            new("clip.vision.patch_size", (uint)shape.PatchSize),
            new("clip.vision.embedding_length", (uint)shape.EmbeddingLength),
            new("clip.vision.feed_forward_length", (uint)shape.FeedForwardLength),
            new("clip.vision.block_count", (uint)shape.BlockCount),
            new("clip.vision.projection_dim", (uint)shape.ProjectionLength),
            new("clip.vision.attention.head_count", (uint)shape.HeadCount),
            new("clip.vision.attention.layer_norm_epsilon", 1e-5f),
            // CLIP's normalisation constants, as LLaVA's converter writes them.
            new("clip.vision.image_mean", Floats(0.48145466f, 0.4578275f, 0.40821073f)),
            new("clip.vision.image_std", Floats(0.26862954f, 0.26130258f, 0.27577711f)),
        ];
    }

    private static List<GgufTensor> Tensors(ProjectorShape shape, int seed)
    {
        var embd = (ulong)shape.EmbeddingLength;
        var ff = (ulong)shape.FeedForwardLength;
        var mlp = (ulong)shape.MlpLength;
        var patch = (ulong)shape.PatchSize;
        GgufTensor Random(string name, params ulong[] dimensions) =>
            new(name, TensorType.F32, dimensions, RandomWeights.Uniform(seed, name, WeightScale));
        GgufTensor Ones(string name, ulong length) => new(name, TensorType.F32, [length], RandomWeights.Constant(1f));
        GgufTensor Zeros(string name, ulong length) => new(name, TensorType.F32, [length], RandomWeights.Constant(0f));

        var tensors = new List<GgufTensor>
        {
            // A 2-D convolution kernel per output channel: patch x patch pixels of 3 colours.
            Random("v.patch_embd.weight", patch, patch, 3, embd),
            Random("v.position_embd.weight", embd, (ulong)shape.TokensPerImage),
            Ones("v.pre_ln.weight", embd),
            Zeros("v.pre_ln.bias", embd),
        };
        for (var block = 0; block < shape.BlockCount; block++)
        {
            var prefix = $"v.blk.{block}.";
            tensors.Add(Ones(prefix + "ln1.weight", embd));
            tensors.Add(Zeros(prefix + "ln1.bias", embd));
            foreach (var projection in new[] { "attn_q", "attn_k", "attn_v", "attn_out" })
            {
                tensors.Add(Random($"{prefix}{projection}.weight", embd, embd));
                tensors.Add(Zeros($"{prefix}{projection}.bias", embd));
            }

            tensors.Add(Ones(prefix + "ln2.weight", embd));
            tensors.Add(Zeros(prefix + "ln2.bias", embd));
            tensors.Add(Random(prefix + "ffn_up.weight", embd, ff));
            tensors.Add(Zeros(prefix + "ffn_up.bias", ff));
            tensors.Add(Random(prefix + "ffn_down.weight", ff, embd));
            tensors.Add(Zeros(prefix + "ffn_down.bias", embd));
        }

        tensors.Add(Random("mm.0.weight", embd, mlp));
        tensors.Add(Random("mm.0.bias", mlp));
        tensors.Add(Random("mm.2.weight", mlp, (ulong)shape.ProjectionLength));
        tensors.Add(Random("mm.2.bias", (ulong)shape.ProjectionLength));
        return tensors;
    }
}
