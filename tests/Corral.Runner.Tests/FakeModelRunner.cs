using System.Runtime.CompilerServices;
using Corral.Contracts.Runner;
using Corral.Runner;

namespace Corral.Runner.Tests;

/// <summary>
/// A model whose behaviour is chosen by the prompt, to drive the protocol: "fail-before", "fail-after",
/// "endless" (until cancelled), "gated" (one chunk per <see cref="ReleaseChunk"/>), otherwise one chunk per word.
/// </summary>
public sealed class FakeModelRunner : IModelRunner
{
    private readonly SemaphoreSlim _gate = new(0);
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a completion saw its cancellation token fire.</summary>
    public Task Cancelled => _cancelled.Task;

    public bool Disposed { get; private set; }

    /// <summary>The runner process's model loader: "load-error" fails, "stalled" reports half loaded and never
    /// finishes, anything else loads at once.</summary>
    public static async Task<IModelRunner> LoadAsync(RunnerOptions options, IProgress<float> progress,
        CancellationToken cancellationToken)
    {
        switch (options.ModelPath)
        {
            case "load-error":
                throw new FileNotFoundException($"fake: no model at {options.ModelPath}");
            case "stalled":
                progress.Report(0.5f);
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }

        return new FakeModelRunner();
    }

    public void ReleaseChunk() => _gate.Release();

    public async IAsyncEnumerable<CompletionChunk> CompleteAsync(CompletionRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        switch (request.Prompt)
        {
            case "fail-before":
                throw new ArgumentException("fake: bad prompt");
            case "fail-after":
                yield return new CompletionChunk { Content = "a" };
                throw new InvalidOperationException("fake: decode failed");
            case "endless":
                for (var i = 0; ; i++)
                {
                    yield return new CompletionChunk { Content = $"tick{i} " };
                    await DelayObservingCancellationAsync(cancellationToken);
                }
            case "gated":
                for (var i = 0; i < 3; i++)
                {
                    await _gate.WaitAsync(cancellationToken);
                    yield return new CompletionChunk { Content = $"g{i}" };
                }

                yield return new CompletionChunk { Done = true, DoneReason = "stop", EvalCount = 3 };
                yield break;
        }

        var words = request.Prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words)
        {
            yield return new CompletionChunk { Content = word };
        }

        yield return new CompletionChunk
        {
            Done = true, DoneReason = "stop", PromptEvalCount = words.Length, EvalCount = words.Length,
        };
    }

    public Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new EmbeddingResponse
        {
            Embeddings = [.. request.Inputs.Select(input => new float[] { input.Length, 0.5f, -1f })],
            PromptEvalCount = request.Inputs.Sum(input => input.Length),
        });

    public Task<TokenizeResponse> TokenizeAsync(TokenizeRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new TokenizeResponse([.. request.Content.Select(c => (int)c)]));

    public Task<DetokenizeResponse> DetokenizeAsync(DetokenizeRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new DetokenizeResponse(new string([.. request.Tokens.Select(t => (char)t)])));

    public Task<RunnerStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new RunnerStatus { State = "engine-state", ContextLength = 128, Parallel = 2 });

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private async Task DelayObservingCancellationAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(10, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _cancelled.TrySetResult();
            throw;
        }
    }
}
