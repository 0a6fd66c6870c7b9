using Corral.Contracts.Ollama;

namespace Corral.Server.Models;

/// <summary>What one piece of generated text turned into; empty parts are null or "".</summary>
public sealed record ParsedOutput(string Content, string? Thinking, IReadOnlyList<ToolCall>? ToolCalls)
{
    public bool IsEmpty => Content.Length == 0 && string.IsNullOrEmpty(Thinking) && ToolCalls is not { Count: > 0 };
}
