using System.Text;
using System.Text.RegularExpressions;
using Corral.Contracts.Ollama;
using Corral.Server.Models;

namespace Corral.Server.Tests.Fakes;

/// <summary>
/// A marker-based parser: <c>[T:x]</c> is thinking, <c>[C:name]</c> a tool call, <c>[H]</c> held-back text;
/// enough to prove the endpoints route parsed output into the right fields.
/// </summary>
public sealed partial class TestOutputParserFactory : IOutputParserFactory
{
    public IOutputParser? Create(CatalogModel model, bool think, IReadOnlyList<Tool>? tools, string prompt) =>
        think || tools is { Count: > 0 } ? new MarkerParser() : null;

    private sealed class MarkerParser : IOutputParser
    {
        private int _calls;

        public ParsedOutput Add(string text, bool done)
        {
            var content = new StringBuilder();
            var thinking = new StringBuilder();
            var calls = new List<ToolCall>();
            var last = 0;
            foreach (Match match in Marker().Matches(text))
            {
                content.Append(text, last, match.Index - last);
                last = match.Index + match.Length;
                switch (match.Groups[1].Value)
                {
                    case "T": thinking.Append(match.Groups[2].Value); break;
                    case "C": calls.Add(new ToolCall { Id = "call_test000" + _calls, Function = new ToolCallFunction { Index = _calls++, Name = match.Groups[2].Value } }); break;
                }
            }
            content.Append(text, last, text.Length - last);
            return new ParsedOutput(content.ToString(), thinking.ToString(), calls);
        }
    }

    [GeneratedRegex(@"\[(T|C|H):?([^\]]*)\]")]
    private static partial Regex Marker();
}
