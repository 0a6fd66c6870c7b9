namespace Corral.Engine;

/// <summary>
/// A request the engine refuses because of its input (prompt too long, bad grammar, input too long to embed):
/// the runner maps it to HTTP 400 with <see cref="Exception.Message"/> as the error text.
/// </summary>
public sealed class EngineRequestException(string message) : Exception(message)
{
    /// <summary>Ollama's exact text (reference section 12, "prompt too long").</summary>
    public const string PromptTooLong = "the prompt is longer than the context length currently available to the model; " +
        "shorten the prompt, adjust the context length in settings, or use a model with a longer context length";

    /// <summary>Ollama's exact text for an embedding input that does not fit with truncate=false.</summary>
    public const string InputTooLong = "the input length exceeds the context length";
}
