using Corral.Contracts.Json;

namespace Corral.Server.Http;

/// <summary>Ollama's exact error strings (reference section 12), so every endpoint says the same thing.</summary>
public static class ApiErrors
{
    public const int ClientClosedRequest = 499;

    public static ApiError MissingBody { get; } = new(400, "missing request body");

    public static ApiError ModelRequired { get; } = new(400, "model is required");

    public static ApiError InvalidModelName { get; } = new(400, "invalid model name");

    public static ApiError InvalidDigest { get; } = new(400, "invalid digest format");

    public static ApiError TopLogprobsRange { get; } = new(400, "top_logprobs must be between 0 and 20");

    public static ApiError RawWithTemplate { get; } = new(400, "raw mode does not support template, system, or context");

    /// <summary>
    /// Images for a model without a projector. Ollama's text (model.ErrNoVisionModel), which its runner answers as a
    /// 500 wrapped in "Failed to create new sequence: failed to process inputs: " once the model is loaded; Corral
    /// refuses the request before loading anything, and bad input is a 400.
    /// </summary>
    public static ApiError NoVisionModel { get; } = new(400, "this model is missing data required for image input");

    public static ApiError QueueFull { get; } = new(503, "server busy, please try again.  maximum pending requests exceeded");

    public static ApiError RequestCanceled { get; } = new(ClientClosedRequest, "request canceled");

    public static ApiError RunnerStopped { get; } = new(500,
        "model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama server logs for details");

    /// <summary>generate/chat/delete form: echoes the name as given.</summary>
    public static ApiError ModelNotFound(string name) => new(404, $"model '{name}' not found");

    /// <summary>embed/embeddings/scheduler form.</summary>
    public static ApiError ModelNotFoundTryPulling(string name) => new(404, $"model {GoQuote.Quote(name)} not found, try pulling it first");

    public static ApiError DoesNotSupport(string name, string what) => new(400, $"{GoQuote.Quote(name)} does not support {what}");

    public static ApiError MissingCapability(string fullName, string capability) => new(400, $"{fullName} does not support {capability}");

    public static ApiError InvalidFormat(string raw) =>
        new(400, $"invalid format: {GoQuote.Quote(raw)}; expected \"json\" or a valid JSON Schema object");
}
