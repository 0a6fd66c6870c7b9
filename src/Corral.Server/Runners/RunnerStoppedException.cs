namespace Corral.Server.Runners;

/// <summary>
/// The runner died while serving a request. The message is Ollama's (llm/server.go), with "corral server logs"
/// in place of "ollama server logs" because the runner's stderr is in our log; Ollama answers it with 500.
/// </summary>
public sealed class RunnerStoppedException(string? detail, Exception? inner = null)
    : Exception(detail is null ? StoppedMessage : $"{StoppedMessage}: {detail}", inner)
{
    public const string StoppedMessage =
        "model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check corral server logs for details";
}
