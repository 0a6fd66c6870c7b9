using System.Runtime.CompilerServices;
using Corral.Contracts.Runner;

namespace Corral.Server.Tests.Fakes;

/// <summary>
/// A scripted runner: echoes the prompt's words as chunks, can wait on a gate mid-stream, fail, and records
/// what it saw (requests, cancellations, disposal) so tests assert the server's behaviour.
/// </summary>
public sealed class FakeRunner : IModelRunner
{
    private int _cancellations;

    public List<CompletionRequest> Requests { get; } = [];

    /// <summary>Words to emit; defaults to "Hello", " world".</summary>
    public IReadOnlyList<string> Words { get; set; } = ["Hello", " world"];

    /// <summary>When set, the runner emits its first chunk then waits for this before the rest.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, sent as an error chunk after the first chunk.</summary>
    public string? FailAfterFirstChunk { get; set; }

    /// <summary>When set, thrown before the first chunk.</summary>
    public Exception? FailBeforeStart { get; set; }

    public int Cancellations => Volatile.Read(ref _cancellations);

    public bool Disposed { get; private set; }

    public async IAsyncEnumerable<CompletionChunk> CompleteAsync(CompletionRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }
        if (FailBeforeStart is { } failure)
        {
            throw failure;
        }
        try
        {
            for (var i = 0; i < Words.Count; i++)
            {
                yield return new CompletionChunk { Content = Words[i] };
                if (i == 0 && FailAfterFirstChunk is { } message)
                {
                    yield return new CompletionChunk { Error = message };
                    yield break;
                }
                if (i == 0 && Gate is { } gate)
                {
                    await gate.Task.WaitAsync(cancellationToken);
                }
                await Task.Yield();
            }
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _cancellations);
            }
        }
        yield return new CompletionChunk
        {
            Done = true, DoneReason = "stop", PromptEvalCount = 3, PromptEvalDurationNs = 1000, EvalCount = Words.Count, EvalDurationNs = 2000,
            Context = request.ReturnContext ? [1, 2, 3] : null,
        };
    }

    public Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new EmbeddingResponse
        {
            Embeddings = request.Inputs.Select(input => request.Normalize ? new[] { 0.6f, 0.8f, 0f } : [3f, 4f, 0f]).ToList(),
            PromptEvalCount = request.Inputs.Count * 2,
        });

    public Task<TokenizeResponse> TokenizeAsync(TokenizeRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new TokenizeResponse(request.Content.Select(c => (int)c).ToList()));

    public Task<DetokenizeResponse> DetokenizeAsync(DetokenizeRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new DetokenizeResponse($"[ctx:{string.Join(',', request.Tokens)}]"));

    public Task<RunnerStatus> GetStatusAsync(CancellationToken cancellationToken) => Task.FromResult(new RunnerStatus { State = "ready" });

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
