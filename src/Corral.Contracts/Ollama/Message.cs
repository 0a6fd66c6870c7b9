using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>A chat message (Go <c>api.Message</c>). <c>content</c> is always serialized; the rest only when set.</summary>
public sealed record Message
{
    /// <summary><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>; lower-cased like Ollama's decoder.</summary>
    public string Role { get; set => field = value.ToLowerInvariant(); } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Content { get; set; } = "";

    public string? Thinking { get; init; }

    /// <summary>Images as raw bytes (base64 on the wire).</summary>
    public IReadOnlyList<byte[]>? Images { get; init; }

    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>For <c>tool</c> messages: the tool that produced the content.</summary>
    public string? ToolName { get; init; }

    /// <summary>For <c>tool</c> messages: the id of the call answered.</summary>
    public string? ToolCallId { get; init; }
}
