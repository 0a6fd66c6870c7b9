namespace Corral.Server.Runners;

/// <summary>What the scheduler asks a runner to load: the model blob and Ollama's load-time options
/// (reference section 2: a change in any of them means a reload).</summary>
public sealed record RunnerLaunchOptions
{
    public required string ModelPath { get; init; }

    /// <summary>The vision projector GGUF (<c>--mmproj</c>), or null for a text-only runner.</summary>
    public string? ProjectorPath { get; init; }

    public int ContextSize { get; init; } = 4096;

    public int Parallel { get; init; } = 1;

    public int BatchSize { get; init; } = 512;

    /// <summary>0 lets the engine decide.</summary>
    public int Threads { get; init; }

    public bool Embedding { get; init; }

    /// <summary>Ollama's <c>use_mmap</c> (<c>--mmap</c>): map the weights file instead of reading it into the
    /// runner's memory. Off unless the request or Modelfile asks, as Ollama does for CPU loads.</summary>
    public bool UseMmap { get; init; }

    /// <summary>OLLAMA_LOAD_TIMEOUT: how long a load may go without progress before it is abandoned (default
    /// 5 minutes; zero or negative waits forever).</summary>
    public TimeSpan LoadTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
