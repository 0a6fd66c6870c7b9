namespace Corral.Contracts.Runner;

/// <summary>
/// One generation request from the server to a runner process (<c>POST /completion</c>, answered as NDJSON
/// <see cref="CompletionChunk"/> lines). The prompt is already rendered by the server's templates.
/// </summary>
public sealed record CompletionRequest
{
    /// <summary>Rendered prompt text; tokenized by the runner (with special tokens parsed). Each <c>[img-N]</c> tag
    /// (Ollama's image tag, N = index into <see cref="Images"/>) marks where image N's embeddings go.</summary>
    public string Prompt { get; init; } = "";

    /// <summary>Encoded image files (PNG, JPEG, WebP; base64 on the wire) referenced by <c>[img-N]</c> tags in
    /// <see cref="Prompt"/>; only for a runner started with a projector (<c>--mmproj</c>).</summary>
    public IReadOnlyList<byte[]> Images { get; init; } = [];

    /// <summary>Sampling and length options, already merged (model defaults, Modelfile, request).</summary>
    public SamplingParams Sampling { get; init; } = new();

    /// <summary>Maximum tokens to generate; -1 = until end of sequence or context full.</summary>
    public int NumPredict { get; init; } = -1;

    /// <summary>Per-request context cap inside the loaded context (never forces a reload); 0 = loaded size.</summary>
    public int NumCtx { get; init; }

    /// <summary>Tokens kept from the start of the prompt when the context is shifted.</summary>
    public int NumKeep { get; init; }

    /// <summary>Allow context shift when generation outgrows the context; otherwise stop with "length".</summary>
    public bool Shift { get; init; } = true;

    /// <summary>Allow the prompt to be cut from the front (after NumKeep) to fit; otherwise a prompt that does not fit is an error.</summary>
    public bool Truncate { get; init; } = true;

    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>GBNF grammar constraining the output, or null.</summary>
    public string? Grammar { get; init; }

    public bool Logprobs { get; init; }

    public int TopLogprobs { get; init; }

    /// <summary>Return prompt + generated token ids in the final chunk (Ollama's deprecated <c>context</c>).</summary>
    public bool ReturnContext { get; init; }
}
