using Corral.Contracts.Runner;
using Corral.Native;

namespace Corral.Engine;

/// <summary>
/// Pooled sentence embeddings on a context of their own (created on first use, on the loop thread), so the
/// generation slots keep their KV cache. An embedding model uses its own pooling; a generative model (no
/// pooling in its GGUF) gets MEAN pooling over its final hidden states, which is what llama.cpp's
/// llama-embedding does for such models with --pooling mean. Each input is one decode with every token output.
/// </summary>
internal sealed unsafe class EmbeddingEncoder(SafeLlamaModelHandle model, Vocabulary vocabulary, int contextLength,
    int threads, bool embeddingModel) : IDisposable
{
    private SafeLlamaContextHandle? _context;
    private LlamaBatchBuffer? _batch;
    private int _dimensions;

    public EmbeddingResponse Embed(EmbeddingRequest request, CancellationToken cancellation)
    {
        EnsureContext();
        var context = _context!.DangerousGetHandle();
        var embeddings = new List<float[]>(request.Inputs.Count);
        var promptTokens = 0;
        foreach (var input in request.Inputs)
        {
            cancellation.ThrowIfCancellationRequested();
            var tokens = vocabulary.Tokenize(input, addSpecial: true);
            if (tokens.Length > contextLength)
            {
                if (!request.Truncate)
                {
                    throw new EngineRequestException(EngineRequestException.InputTooLong);
                }

                Array.Resize(ref tokens, contextLength);
            }

            if (tokens.Length == 0)
            {
                throw new EngineRequestException("cannot embed an empty input: it has no tokens");
            }

            var memory = LlamaApi.GetMemory(context);
            if (memory != 0)
            {
                LlamaApi.MemoryClear(memory, 1);
            }

            _batch!.Clear();
            for (var i = 0; i < tokens.Length; i++)
            {
                _batch.Add(tokens[i], i, 0, wantLogits: true);
            }

            var status = LlamaApi.ModelHasEncoder(model.DangerousGetHandle()) != 0 && memory == 0
                ? LlamaApi.Encode(context, _batch.Batch)
                : LlamaApi.Decode(context, _batch.Batch);
            if (status != 0)
            {
                throw new InvalidOperationException($"embedding decode failed with status {status}: {LlamaBackend.TakeLoggedErrors()}");
            }

            var pooled = LlamaApi.GetEmbeddingsSeq(context, 0);
            if (pooled == null)
            {
                throw new InvalidOperationException("llama.cpp returned no pooled embedding");
            }

            var vector = new ReadOnlySpan<float>(pooled, _dimensions).ToArray();
            if (request.Normalize)
            {
                Normalize(vector);
            }

            embeddings.Add(vector);
            promptTokens += tokens.Length;
        }

        return new EmbeddingResponse { Embeddings = embeddings, PromptEvalCount = promptTokens };
    }

    /// <summary>L2 normalisation, as Ollama's /api/embed returns (a zero vector stays zero).</summary>
    internal static void Normalize(Span<float> vector)
    {
        double sum = 0;
        foreach (var v in vector)
        {
            sum += (double)v * v;
        }

        if (sum <= 0)
        {
            return;
        }

        var scale = (float)(1.0 / Math.Sqrt(sum));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }

    private void EnsureContext()
    {
        if (_context is not null)
        {
            return;
        }

        _context = CreateContext(embeddingModel ? LlamaPoolingType.Unspecified : LlamaPoolingType.Mean);
        if (LlamaApi.PoolingType(_context.DangerousGetHandle()) == LlamaPoolingType.None)
        {
            _context.Dispose();
            _context = CreateContext(LlamaPoolingType.Mean);
        }

        _batch = new LlamaBatchBuffer(contextLength);
        _dimensions = LlamaApi.ModelNEmbd(model.DangerousGetHandle());
    }

    private SafeLlamaContextHandle CreateContext(LlamaPoolingType pooling)
    {
        var parameters = LlamaApi.ContextDefaultParams();
        parameters.NCtx = (uint)contextLength;
        // Pooling over a sequence needs all of it in one micro-batch.
        parameters.NBatch = (uint)contextLength;
        parameters.NUbatch = (uint)contextLength;
        parameters.NSeqMax = 1;
        parameters.NThreads = threads;
        parameters.NThreadsBatch = threads;
        parameters.Embeddings = 1;
        parameters.PoolingType = pooling;
        return SafeLlamaContextHandle.Create(model, parameters);
    }

    public void Dispose()
    {
        _batch?.Dispose();
        _context?.Dispose();
    }
}
