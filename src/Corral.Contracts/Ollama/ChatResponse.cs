using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>One chunk of <c>POST /api/chat</c> (Go <c>api.ChatResponse</c>; note <c>done_reason</c> precedes <c>done</c>).</summary>
public sealed record ChatResponse
{
    public string Model { get; set; } = "";

    public string? RemoteModel { get; init; }

    public string? RemoteHost { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public Message Message { get; set; } = new() { Role = "assistant" };

    public string? DoneReason { get; init; }

    [JsonPropertyName("_debug_info")]
    public DebugInfo? DebugInfo { get; init; }

    public bool Done { get; init; }

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

    public IReadOnlyList<Logprob>? Logprobs { get; init; }
}
