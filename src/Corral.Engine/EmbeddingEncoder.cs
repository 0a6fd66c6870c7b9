using Corral.Contracts.Runner;
using Corral.Native;

namespace Corral.Engine;

/// <summary>
/// Pooled sentence embeddings on a context of their own (created on first use, on the loop thread), so the
/// generation slots keep their KV cache. An embedding model uses its own pooling; a generative model (no
/// pooling in its GGUF) gets MEAN pooling over its final hidden states, which is what llama.cpp's
/// llama-embedding does for such models with --pooling mean. Inputs are packed as separate sequences into as few
/// decodes as fit (every token is an output; pooling needs whole sequences in one micro-batch).
/// </summary>
internal sealed unsafe class EmbeddingEncoder(SafeLlamaModelHandle model, Vocabulary vocabulary, int contextLength,
    int threads, bool embeddingModel) : IDisposable
{
    private const int MaxSequencesPerDecode = 8;

    private SafeLlamaContextHandle? _context;
    private LlamaBatchBuffer? _batch;
    private int _dimensions;

    public EmbeddingResponse Embed(EmbeddingRequest request, CancellationToken cancellation)
    {
        // Tokenize and check every input first, so an input that is too long fails before any work is done.
        var inputs = new int[request.Inputs.Count][];
        var promptTokens = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = Fit(vocabulary.Tokenize(request.Inputs[i], addSpecial: true), request.Truncate);
            promptTokens += inputs[i].Length;
        }

        EnsureContext();
        var embeddings = new float[inputs.Length][];
        var next = 0;
        while (next < inputs.Length)
        {
            cancellation.ThrowIfCancellationRequested();
            var first = next;
            var used = 0;
            while (next < inputs.Length && next - first < MaxSequencesPerDecode && used + inputs[next].Length <= contextLength)
            {
                used += inputs[next++].Length;
            }

            EmbedBatch(inputs, first, next, embeddings, request.Normalize);
        }

        return new EmbeddingResponse { Embeddings = embeddings, PromptEvalCount = promptTokens };
    }

    private int[] Fit(int[] tokens, bool truncate)
    {
        if (tokens.Length == 0)
        {
            throw new EngineRequestException("cannot embed an empty input: it has no tokens");
        }

        if (tokens.Length <= contextLength)
        {
            return tokens;
        }

        if (!truncate)
        {
            throw new EngineRequestException(EngineRequestException.InputTooLong);
        }

        return tokens[..contextLength];
    }

    /// <summary>Inputs [first, end) as sequences 0..n-1 of one decode; reads each sequence's pooled vector.</summary>
    private void EmbedBatch(int[][] inputs, int first, int end, float[][] embeddings, bool normalize)
    {
        var context = _context!.DangerousGetHandle();
        var memory = LlamaApi.GetMemory(context);
        if (memory != 0)
        {
            LlamaApi.MemoryClear(memory, 1);
        }

        _batch!.Clear();
        for (var input = first; input < end; input++)
        {
            var tokens = inputs[input];
            for (var i = 0; i < tokens.Length; i++)
            {
                _batch.Add(tokens[i], i, input - first, wantLogits: true);
            }
        }

        var status = LlamaApi.ModelHasEncoder(model.DangerousGetHandle()) != 0 && memory == 0
            ? LlamaApi.Encode(context, _batch.Batch)
            : LlamaApi.Decode(context, _batch.Batch);
        if (status != 0)
        {
            throw new InvalidOperationException($"embedding decode failed with status {status}: {LlamaBackend.TakeLoggedErrors()}");
        }

        for (var input = first; input < end; input++)
        {
            var pooled = LlamaApi.GetEmbeddingsSeq(context, input - first);
            if (pooled == null)
            {
                throw new InvalidOperationException("llama.cpp returned no pooled embedding");
            }

            var vector = new ReadOnlySpan<float>(pooled, _dimensions).ToArray();
            if (normalize)
            {
                Normalize(vector);
            }

            embeddings[input] = vector;
        }
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
        _dimensions = LlamaApi.ModelNEmbdOut(model.DangerousGetHandle());
    }

    private SafeLlamaContextHandle CreateContext(LlamaPoolingType pooling)
    {
        var parameters = LlamaApi.ContextDefaultParams();
        parameters.NCtx = (uint)contextLength;
        // Pooling over a sequence needs all of it in one micro-batch.
        parameters.NBatch = (uint)contextLength;
        parameters.NUbatch = (uint)contextLength;
        parameters.NSeqMax = MaxSequencesPerDecode;
        parameters.KvUnified = 1;
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
