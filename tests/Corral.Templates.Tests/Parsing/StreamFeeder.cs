using Corral.Templates.Parsing;

namespace Corral.Templates.Tests.Parsing;

/// <summary>Feeds output to a parser in pieces and gathers everything it emits, including the final flush.</summary>
internal static class StreamFeeder
{
    public static (string Content, string Thinking, List<ToolCall> Calls) Feed(Func<string, ParsedChunk> add, Func<ParsedChunk> flush, IEnumerable<string> pieces)
    {
        var content = "";
        var thinking = "";
        var calls = new List<ToolCall>();
        foreach (var chunk in pieces.Select(add).ToList().Append(flush()))
        {
            content += chunk.Content;
            thinking += chunk.Thinking;
            calls.AddRange(chunk.ToolCalls);
        }

        return (content, thinking, calls);
    }

    /// <summary>The whole text, then every way of cutting it in two, then one character at a time.</summary>
    public static IEnumerable<string[]> Splits(string text)
    {
        yield return [text];
        for (var i = 1; i < text.Length; i++)
        {
            yield return [text[..i], text[i..]];
        }

        yield return text.Select(c => c.ToString()).ToArray();
    }
}
