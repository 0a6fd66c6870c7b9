using System.Globalization;

namespace Corral.Bench;

/// <summary>
/// What every build and server is measured on: the same model, threads and token counts. <see cref="PromptTokens"/>,
/// <see cref="GenerateTokens"/> and <see cref="Repetitions"/> size figure (a); the rest size the HTTP figures (b-e).
/// </summary>
public sealed record BenchSettings(string ModelPath, int PromptTokens, int GenerateTokens, int Threads, int Repetitions)
{
    /// <summary>Concurrent clients of figures (b) and (c).</summary>
    public IReadOnlyList<int> Clients { get; init; } = [1, 4, 8];

    /// <summary>Tokens each streamed request generates in figures (b)-(e).</summary>
    public int StreamTokens { get; init; } = 32;

    /// <summary>Length of the prefix every request of figure (c) shares (the issue measured ~2,000).</summary>
    public int PrefixTokens { get; init; } = 2000;

    /// <summary>Chat history before the follow-up turn of figure (d).</summary>
    public int HistoryTokens { get; init; } = 2000;

    /// <summary>Slots of both servers (OLLAMA_NUM_PARALLEL, llama-server -np): the most clients measured.</summary>
    public int Parallel => Clients.Max();

    /// <summary>
    /// Context per sequence on both servers: room for the longest prompt plus its answer (and the follow-up turn of
    /// figure (d)), never below Corral's default 4096. llama-server gets <c>-c Parallel × this</c>, Corral's KV cache
    /// holds the same (OLLAMA_CONTEXT_LENGTH × OLLAMA_NUM_PARALLEL).
    /// </summary>
    public int ContextPerSequence => Math.Max(4096, RoundUp(Math.Max(PrefixTokens, HistoryTokens) + 2 * StreamTokens + 256, 256));

    private static int RoundUp(int value, int step) => (value + step - 1) / step * step;

    public const string Usage =
        "usage: Corral.Bench MODEL.gguf LLAMA_CPP_DIR CORRAL_DLL [--prompt 256] [--generate 64] [--repetitions 5]\n" +
        "                    [--clients 1,4,8] [--stream-generate 32] [--prefix 2000] [--history 2000]";

    /// <summary>Parses the options after the three paths; null (with a message on stderr) when they are malformed.</summary>
    public static BenchSettings? Parse(string modelPath, int threads, IReadOnlyList<string> options)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i += 2)
        {
            if (i + 1 >= options.Count || !options[i].StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"unexpected argument '{options[i]}'\n{Usage}");
                return null;
            }

            values[options[i][2..]] = options[i + 1];
        }

        var known = new[] { "prompt", "generate", "repetitions", "clients", "stream-generate", "prefix", "history" };
        if (values.Keys.FirstOrDefault(key => !known.Contains(key)) is { } unknown)
        {
            Console.Error.WriteLine($"unknown option --{unknown}\n{Usage}");
            return null;
        }

        try
        {
            int Number(string name, int fallback) => values.TryGetValue(name, out var text) ? Positive(text) : fallback;
            return new BenchSettings(modelPath, Number("prompt", 256), Number("generate", 64), threads, Number("repetitions", 5))
            {
                Clients = values.TryGetValue("clients", out var clients) ? clients.Split(',').Select(Positive).ToArray() : [1, 4, 8],
                StreamTokens = Number("stream-generate", 32),
                PrefixTokens = Number("prefix", 2000),
                HistoryTokens = Number("history", 2000),
            };
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"{e.Message}\n{Usage}");
            return null;
        }
    }

    private static int Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"'{text}' is not a positive whole number");
}
