namespace Corral.Templates.Parsing;

/// <summary>What one model output chunk turned into: visible content, thinking text and completed tool calls.</summary>
public sealed record ParsedChunk(string Content, string Thinking, IReadOnlyList<ToolCall> ToolCalls)
{
    public static ParsedChunk Empty { get; } = new("", "", []);

    public bool IsEmpty => Content.Length == 0 && Thinking.Length == 0 && ToolCalls.Count == 0;
}
