using System.Globalization;

namespace Corral.Runner;

/// <summary>
/// Command line of <c>corral runner</c>: which model to load, where to listen, and the load-time options that
/// Ollama passes to its runner (reference section 2, "load" phase).
/// </summary>
public sealed record RunnerOptions
{
    public required string ModelPath { get; init; }

    public required string SocketPath { get; init; }

    /// <summary>The model's vision projector GGUF (Ollama's projector layer), or null for a text-only model.</summary>
    public string? ProjectorPath { get; init; }

    public int ContextSize { get; init; } = 4096;

    /// <summary>Slots served concurrently (OLLAMA_NUM_PARALLEL); the KV cache holds ContextSize × Parallel.</summary>
    public int Parallel { get; init; } = 1;

    public int BatchSize { get; init; } = 512;

    /// <summary>0 lets the engine decide.</summary>
    public int Threads { get; init; }

    public bool Embedding { get; init; }

    /// <summary>Map the weights file instead of reading it into memory (Ollama's <c>use_mmap</c>, off by default).</summary>
    public bool UseMmap { get; init; }

    /// <summary>The server's pid: the runner exits when it is gone so no orphan survives a server crash.</summary>
    public int? ParentPid { get; init; }

    /// <summary>Parses <c>--model P --socket S [--mmproj P] [--ctx-size N] [--parallel N] [--batch-size N] [--threads N]
    /// [--embedding] [--mmap] [--parent-pid N]</c>; throws <see cref="ArgumentException"/> naming the bad argument.</summary>
    public static RunnerOptions Parse(IReadOnlyList<string> args)
    {
        string? model = null, socket = null, projector = null;
        int contextSize = 4096, parallel = 1, batchSize = 512, threads = 0;
        int? parentPid = null;
        bool embedding = false, useMmap = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--model": model = ValueOf(args, ref i); break;
                case "--socket": socket = ValueOf(args, ref i); break;
                case "--mmproj": projector = ValueOf(args, ref i); break;
                case "--ctx-size": contextSize = PositiveInt(args, ref i); break;
                case "--parallel": parallel = PositiveInt(args, ref i); break;
                case "--batch-size": batchSize = PositiveInt(args, ref i); break;
                case "--threads": threads = Int(args, ref i, min: 0); break;
                case "--parent-pid": parentPid = PositiveInt(args, ref i); break;
                case "--embedding": embedding = true; break;
                case "--mmap": useMmap = true; break;
                default: throw new ArgumentException($"unknown runner argument '{args[i]}'");
            }
        }

        return new RunnerOptions
        {
            ModelPath = model ?? throw new ArgumentException("--model is required"),
            SocketPath = socket ?? throw new ArgumentException("--socket is required"),
            ProjectorPath = projector,
            ContextSize = contextSize,
            Parallel = parallel,
            BatchSize = batchSize,
            Threads = threads,
            Embedding = embedding,
            UseMmap = useMmap,
            ParentPid = parentPid,
        };
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{args[i]} needs a value");
        }

        return args[++i];
    }

    private static int PositiveInt(IReadOnlyList<string> args, ref int i) => Int(args, ref i, min: 1);

    private static int Int(IReadOnlyList<string> args, ref int i, int min)
    {
        var name = args[i];
        var text = ValueOf(args, ref i);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new ArgumentException($"{name} must be an integer >= {min}, got '{text}'");
        }

        return value;
    }
}
