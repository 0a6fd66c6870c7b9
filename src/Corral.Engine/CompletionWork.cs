using System.Threading.Channels;
using Corral.Contracts.Runner;
using Corral.Native;

namespace Corral.Engine;

/// <summary>One admitted-or-waiting completion: its validated prompt, sampler, images, output stream and counters.
/// Mutated only by the loop thread once queued.</summary>
internal sealed class CompletionWork(CompletionRequest request, int[] prompt, int truncated, int contextLength,
    SafeLlamaSamplerHandle sampler, MultimodalPrompt? images, CancellationToken cancellation) : IDisposable
{
    public CompletionRequest Request { get; } = request;

    public int[] Prompt { get; } = prompt;

    public int TruncatedTokens { get; } = truncated;

    /// <summary>This request's context: the slot's, or less when the request's num_ctx caps it.</summary>
    public int ContextLength { get; } = contextLength;

    public SafeLlamaSamplerHandle Sampler { get; } = sampler;

    /// <summary>The request's images by first position id (negative ids in <see cref="Prompt"/>), or null.</summary>
    public MultimodalPrompt? Images { get; } = images;

    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Unbounded on purpose: the loop thread must never wait on one slow reader while other slots
    /// decode; the stream is bounded by num_predict and the context anyway.</summary>
    public Channel<CompletionChunk> Output { get; } = Channel.CreateUnbounded<CompletionChunk>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public Utf8HoldBack Utf8 { get; } = new();

    public StopStringFilter Stops { get; } = new(request.Stop);

    public List<int>? Generated { get; } = request.ReturnContext ? [] : null;

    /// <summary>num_predict, or for -1 (until end of sequence) Ollama's runner bound of 10 x num_ctx, so a model
    /// that never emits end-of-sequence cannot shift its context forever.</summary>
    public int PredictLimit { get; } = request.NumPredict > 0 ? request.NumPredict : 10 * contextLength;

    public int CachedTokens { get; set; }

    public int EvalCount { get; set; }

    public long AdmittedAt { get; set; }

    public long PromptDoneAt { get; set; }

    /// <summary>Frees the native sampler and image chunks once the request is done, failed or dropped.</summary>
    public void Dispose()
    {
        Sampler.Dispose();
        Images?.Dispose();
    }
}
