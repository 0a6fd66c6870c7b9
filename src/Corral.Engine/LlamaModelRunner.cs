using System.Runtime.CompilerServices;
using Corral.Contracts.Runner;
using Corral.Native;

namespace Corral.Engine;

/// <summary>
/// One loaded GGUF model serving <see cref="EngineOptions.Parallel"/> sequences with continuous batching
/// (<see cref="BatchLoop"/>). Requests are validated on the caller's thread (tokenize, fit, sampler/grammar),
/// so bad input throws before the first chunk; everything touching the llama context runs on the loop thread.
/// With <see cref="EngineOptions.ProjectorPath"/>, prompts may carry images (<see cref="VisionProjector"/>).
/// </summary>
public sealed class LlamaModelRunner : IModelRunner
{
    private const int MaxGenerativeEmbeddingTokens = 512;

    private readonly SafeLlamaModelHandle _model;
    private readonly Vocabulary _vocabulary;
    private readonly BatchLoop _loop;
    private readonly VisionProjector? _projector;
    private readonly int _contextLength;
    private readonly bool _embeddingOnly;
    private int _disposed;

    private LlamaModelRunner(SafeLlamaModelHandle model, EngineOptions options)
    {
        _model = model;
        _embeddingOnly = options.Embedding;
        var raw = model.DangerousGetHandle();
        _vocabulary = new Vocabulary(LlamaApi.ModelGetVocab(raw));
        var trainContext = LlamaApi.ModelNCtxTrain(raw);
        // Ollama clamps num_ctx to the model's training context (reference section 2).
        _contextLength = options.ContextLength <= 0 || (trainContext > 0 && options.ContextLength > trainContext)
            ? trainContext
            : options.ContextLength;
        var threads = options.Threads > 0 ? options.Threads : PhysicalCores.Count;
        var parallel = Math.Max(1, options.Parallel);
        var batchSize = Math.Max(1, options.BatchSize);

        _projector = options.ProjectorPath is null || options.Embedding ? null : VisionProjector.Load(model, options.ProjectorPath, threads);
        try
        {
            _loop = StartLoop(model, options, threads, parallel, batchSize, trainContext);
        }
        catch
        {
            _projector?.Dispose();
            throw;
        }
    }

    /// <summary>The generation context (none for an embedding model) and the loop thread that owns it.</summary>
    private BatchLoop StartLoop(SafeLlamaModelHandle model, EngineOptions options, int threads, int parallel, int batchSize, int trainContext)
    {
        var raw = model.DangerousGetHandle();
        SafeLlamaContextHandle? context = null;
        if (!options.Embedding)
        {
            var parameters = LlamaApi.ContextDefaultParams();
            parameters.NCtx = (uint)(_contextLength * parallel);
            parameters.NBatch = (uint)(batchSize + parallel);
            parameters.NUbatch = (uint)Math.Min(batchSize + parallel, 512);
            parameters.NSeqMax = (uint)parallel;
            parameters.NThreads = threads;
            parameters.NThreadsBatch = threads;
            // One KV buffer shared by all slots: a slot may use any free cell, and shared prefixes can be
            // referenced by several sequences (llama_memory_seq_cp).
            parameters.KvUnified = 1;
            context = SafeLlamaContextHandle.Create(model, parameters);
        }

        var status = new RunnerStatus
        {
            ContextLength = _contextLength,
            Parallel = options.Embedding ? 0 : parallel,
            TrainContextLength = trainContext,
            EmbeddingLength = LlamaApi.ModelNEmbd(raw),
            ModelSizeBytes = (long)LlamaApi.ModelSize(raw),
        };
        // llama.cpp outputs every token of an embedding batch and reserves n_vocab floats of logits per output, so
        // a generative model (large vocabulary, no pooling of its own) embeds at most 512 tokens per input.
        var embeddingContext = options.Embedding ? _contextLength : Math.Min(_contextLength, MaxGenerativeEmbeddingTokens);
        var embeddings = new EmbeddingEncoder(model, _vocabulary, embeddingContext, threads, options.Embedding);
        var images = context is null || _projector is null
            ? null
            : new ImagePrefill(_projector, context.DangerousGetHandle(), batchSize, LlamaApi.ModelNEmbdInp(raw));
        return new BatchLoop(context, _vocabulary, embeddings, images, parallel, batchSize, Math.Max(1, options.MaxQueuedRequests), status);
    }

    /// <summary>Per-sequence context length in effect (after clamping to the training context).</summary>
    public int ContextLength => _contextLength;

    /// <summary>A scalar GGUF metadata value of the loaded model (e.g. "general.architecture"), or null.</summary>
    public string? GetMetadata(string key) => _model.GetMetadata(key);

    /// <summary>Loads the model (GGUF header checked first, so malformed files fail with a clear message) and
    /// starts the loop thread. Throws <see cref="InvalidDataException"/> or <see cref="InvalidOperationException"/>.</summary>
    public static Task<LlamaModelRunner> LoadAsync(EngineOptions options, IProgress<float>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        GgufHeaderCheck.Validate(options.ModelPath);
        // Loading is blocking native work (file reads): one long-running thread, not a pool thread.
        return Task.Factory.StartNew(() =>
        {
            var model = SafeLlamaModelHandle.LoadFromFile(options.ModelPath, options.UseMmap, progress, cancellationToken);
            try
            {
                return new LlamaModelRunner(model, options);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public async IAsyncEnumerable<CompletionChunk> CompleteAsync(CompletionRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Prepare(request, cancellation.Token);
        try
        {
            await _loop.EnqueueAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            work.Dispose();
            throw;
        }

        try
        {
            await foreach (var chunk in work.Output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }
        }
        finally
        {
            // Also covers a consumer that stops enumerating early: the loop frees the slot on its next iteration.
            await cancellation.CancelAsync().ConfigureAwait(false);
        }
    }

    public async Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        var work = new EmbedWork(request, cancellationToken);
        await _loop.EnqueueAsync(work, cancellationToken).ConfigureAwait(false);
        return await work.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<TokenizeResponse> TokenizeAsync(TokenizeRequest request, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        return Task.FromResult(new TokenizeResponse(_vocabulary.Tokenize(request.Content, request.AddSpecial)));
    }

    public Task<DetokenizeResponse> DetokenizeAsync(DetokenizeRequest request, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        foreach (var token in request.Tokens)
        {
            if (token < 0 || token >= _vocabulary.Count)
            {
                throw new EngineRequestException($"invalid token id {token} (vocabulary has {_vocabulary.Count} tokens)");
            }
        }

        return Task.FromResult(new DetokenizeResponse(_vocabulary.Detokenize(request.Tokens)));
    }

    public async Task<RunnerStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        var work = new StatusWork();
        await _loop.EnqueueAsync(work, cancellationToken).ConfigureAwait(false);
        return await work.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _loop.Dispose();
            _projector?.Dispose();
            _model.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private CompletionWork Prepare(CompletionRequest request, CancellationToken cancellation)
    {
        ThrowIfUnusable();
        ArgumentNullException.ThrowIfNull(request);
        if (_embeddingOnly)
        {
            throw new EngineRequestException("this model is loaded for embeddings only and does not support generate");
        }

        var contextLength = request.NumCtx > 0 ? Math.Min(request.NumCtx, _contextLength) : _contextLength;
        var images = Tokenize(request);
        try
        {
            var tokens = images?.Tokens ?? _vocabulary.Tokenize(request.Prompt, addSpecial: true);
            if (tokens.Length == 0)
            {
                throw new EngineRequestException("the prompt is empty: it has no tokens to evaluate");
            }

            var (prompt, dropped) = PromptFitter.Fit(tokens, contextLength, request.NumKeep, request.Truncate);
            var sampler = SamplerFactory.Create(request.Sampling, request.Grammar, _vocabulary, contextLength);
            return new CompletionWork(request, prompt, dropped, contextLength, sampler, images, cancellation);
        }
        catch
        {
            images?.Dispose();
            throw;
        }
    }

    /// <summary>A prompt with images (or image tags, which must name one) goes through the projector; without a
    /// projector, images are Ollama's "missing data" error and a tag is just text.</summary>
    private MultimodalPrompt? Tokenize(CompletionRequest request)
    {
        if (_projector is null)
        {
            return request.Images.Count > 0 ? throw new EngineRequestException(VisionProjector.NoVision) : null;
        }

        return VisionProjector.HasImageInput(request.Prompt, request.Images) ? _projector.Tokenize(request.Prompt, request.Images) : null;
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_loop.Fault is { } fault)
        {
            throw new InvalidOperationException($"the engine loop stopped: {fault.Message}", fault);
        }
    }
}
