using Corral.Native;

namespace Corral.Engine;

/// <summary>
/// Puts one image into a slot's sequence on the loop thread: encodes it (vision encoder + projector,
/// <c>mtmd_encode_chunk</c>), then decodes its embeddings at consecutive positions with llama_decode calls of
/// their own (a llama_batch carries either tokens or embeddings, never both), num_batch positions at a time.
/// </summary>
internal sealed unsafe class ImagePrefill(VisionProjector projector, nint context, int batchSize, int embeddingSize) : IDisposable
{
    private readonly LlamaBatchBuffer _batch = new(batchSize, embeddingSize);

    /// <summary>llama_decode calls made for image embeddings (part of the runner's decode_calls).</summary>
    public long DecodeCalls { get; private set; }

    /// <summary>Returns the batch index holding the last position's logits (or -1 without
    /// <paramref name="wantLogits"/>); they stay readable until the next llama_decode. Throws
    /// <see cref="InvalidOperationException"/> when encoding or decoding fails.</summary>
    public int Decode(ImageChunk image, int sequence, int position, bool wantLogits)
    {
        var chunk = image.Chunk.DangerousGetHandle();
        if (MtmdApi.EncodeChunk(projector.Handle, chunk) != 0)
        {
            throw new InvalidOperationException($"the image could not be encoded: {LlamaBackend.TakeLoggedErrors() ?? "mtmd_encode_chunk failed"}");
        }

        var embeddings = MtmdApi.GetOutputEmbd(projector.Handle);
        // Some projectors (Gemma 3) want their image's positions to attend to each other both ways.
        var nonCausal = MtmdApi.DecodeUseNonCausal(projector.Handle, chunk) != 0;
        if (nonCausal)
        {
            LlamaApi.SetCausalAttn(context, 0);
        }

        try
        {
            var index = -1;
            for (var first = 0; first < image.Tokens; first += _batch.Capacity)
            {
                _batch.Clear();
                var count = Math.Min(_batch.Capacity, image.Tokens - first);
                for (var i = first; i < first + count; i++)
                {
                    var row = new ReadOnlySpan<float>(embeddings + (long)i * _batch.EmbeddingSize, _batch.EmbeddingSize);
                    index = _batch.Add(row, position + i, sequence, wantLogits && i == image.Tokens - 1);
                }

                var status = LlamaApi.Decode(context, _batch.Batch);
                DecodeCalls++;
                if (status != 0)
                {
                    throw new InvalidOperationException($"llama_decode of image embeddings failed with status {status}: " +
                        (LlamaBackend.TakeLoggedErrors() ?? "no KV cache room"));
                }
            }

            return wantLogits ? index : -1;
        }
        finally
        {
            if (nonCausal)
            {
                LlamaApi.SetCausalAttn(context, 1);
            }
        }
    }

    public void Dispose() => _batch.Dispose();
}
