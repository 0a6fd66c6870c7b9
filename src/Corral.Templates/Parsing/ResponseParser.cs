namespace Corral.Templates.Parsing;

/// <summary>
/// The per-request output pipeline in Ollama's order: thinking first (when thinking is on and the template has
/// thinking tags), then tool calls (when the request has tools) on what remains as content.
/// </summary>
public sealed class ResponseParser
{
    private readonly ThinkingParser? _thinking;
    private readonly ToolCallParser? _tools;

    private ResponseParser(ThinkingParser? thinking, ToolCallParser? tools)
    {
        _thinking = thinking;
        _tools = tools;
    }

    /// <param name="renderedPrompt">The prompt sent to the model: if it already ends with the opening tag, output starts inside thinking.</param>
    public static ResponseParser Create(PromptTemplate template, bool think, IReadOnlyCollection<string> toolNames, string renderedPrompt)
    {
        var (open, close) = template.ThinkingTags;
        var thinking = think && template.SupportsThinking
            ? new ThinkingParser(open, close, renderedPrompt.TrimEnd().EndsWith(open, StringComparison.Ordinal))
            : null;
        var tools = toolNames.Count > 0 ? new ToolCallParser(template.ToolCallTag, toolNames) : null;
        return new ResponseParser(thinking, tools);
    }

    public ParsedChunk Add(string chunk) => Combine(_thinking?.Add(chunk) ?? new ParsedChunk(chunk, "", []), flushTools: false);

    /// <summary>End of stream: releases anything held back for a partial tag.</summary>
    public ParsedChunk Flush() => Combine(_thinking?.Flush() ?? ParsedChunk.Empty, flushTools: true);

    private ParsedChunk Combine(ParsedChunk thought, bool flushTools)
    {
        if (_tools is null)
        {
            return thought;
        }

        var parsed = _tools.Add(thought.Content);
        if (flushTools)
        {
            var rest = _tools.Flush();
            parsed = new ParsedChunk(parsed.Content + rest.Content, "", [.. parsed.ToolCalls, .. rest.ToolCalls]);
        }

        return new ParsedChunk(parsed.Content, thought.Thinking, parsed.ToolCalls);
    }
}
