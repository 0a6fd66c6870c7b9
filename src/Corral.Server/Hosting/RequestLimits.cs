namespace Corral.Server.Hosting;

/// <summary>
/// Bounds on what one request may ask of the server (CORRAL_MAX_* variables). Ollama has none, so one client can
/// exhaust memory with a huge body or image, or starve everyone by opening streams; the defaults are far above
/// any legitimate use on one machine.
/// </summary>
public sealed record RequestLimits
{
    /// <summary><c>CORRAL_MAX_REQUEST_BYTES</c>: JSON bodies (blob uploads are exempt: they stream to disk). 413 above it.</summary>
    public long MaxRequestBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary><c>CORRAL_MAX_IMAGES</c>: images in one generate/chat request, all messages together. 400 above it.</summary>
    public int MaxImages { get; init; } = 32;

    /// <summary><c>CORRAL_MAX_IMAGE_BYTES</c>: decoded size of one image. 413 above it.</summary>
    public long MaxImageBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary><c>CORRAL_MAX_PROMPT_CHARS</c>: characters of prompt, system and message text, or of all embedding inputs, in one request. 413 above it.</summary>
    public int MaxPromptChars { get; init; } = 2_000_000;

    /// <summary><c>CORRAL_MAX_STREAMS</c>: inference requests in flight at once, queued ones included. 429 above it.</summary>
    public int MaxConcurrentStreams { get; init; } = 256;
}
