using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>One chunk of <c>POST /api/generate</c> (Go <c>api.GenerateResponse</c>, property order as Go's).</summary>
public sealed record GenerateResponse
{
    /// <summary>The model name as the client gave it.</summary>
    public string Model { get; set; } = "";

    public string? RemoteModel { get; init; }

    public string? RemoteHost { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Generated text of this chunk; always serialized.</summary>
    public string Response { get; set; } = "";

    /// <summary>Thinking text of this chunk; null when empty.</summary>
    public string? Thinking { get; init; }

    public bool Done { get; init; }

    /// <summary><c>stop</c>, <c>length</c>, <c>load</c> or <c>unload</c> on the final chunk.</summary>
    public string? DoneReason { get; init; }

    /// <summary>Tokens of the rendered prompt and the output (final chunk, non-raw only).</summary>
    public IReadOnlyList<int>? Context { get; init; }

    /// <summary>Nanoseconds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long TotalDuration { get; init; }

    /// <summary>Nanoseconds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long LoadDuration { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PromptEvalCount { get; init; }

    /// <summary>Nanoseconds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long PromptEvalDuration { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int EvalCount { get; init; }

    /// <summary>Nanoseconds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long EvalDuration { get; init; }

    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    [JsonPropertyName("_debug_info")]
    public DebugInfo? DebugInfo { get; init; }

    public IReadOnlyList<Logprob>? Logprobs { get; init; }
}
