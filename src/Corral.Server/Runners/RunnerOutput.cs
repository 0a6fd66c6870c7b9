using Microsoft.Extensions.Logging;

namespace Corral.Server.Runners;

/// <summary>
/// A runner's stderr/stdout: every line goes to the server log; the last lines are kept to explain a failed
/// load, and the last error-looking line to explain a crash, as Ollama's StatusWriter does
/// (https://github.com/ollama/ollama/blob/main/llm/status.go).
/// </summary>
internal sealed class RunnerOutput(ILogger logger, int processId)
{
    private const int TailLines = 10;

    /// <summary>Ollama's error prefixes, plus .NET's own ("fail:" log lines, unhandled exceptions).</summary>
    private static readonly string[] s_errorMarkers =
    [
        "error:", "CUDA error", "ROCm error", "cudaMalloc failed", "\"ERR\"", "error loading model", "GGML_ASSERT",
        "fail:", "Unhandled exception",
    ];

    private readonly Queue<string> _tail = new();
    private readonly Lock _lock = new();
    private string? _lastError;

    public string? LastError
    {
        get
        {
            lock (_lock)
            {
                return _lastError;
            }
        }
    }

    public string Tail
    {
        get
        {
            lock (_lock)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        logger.LogInformation("runner {Pid}: {Line}", processId, line);
        lock (_lock)
        {
            if (_tail.Count == TailLines)
            {
                _tail.Dequeue();
            }

            _tail.Enqueue(line);
            if (s_errorMarkers.Any(marker => line.Contains(marker, StringComparison.Ordinal)))
            {
                _lastError = line;
            }
        }
    }
}
