using Corral.Server.Models;
using Corral.Templates.Parsing;

namespace Corral.Server.Wiring;

/// <summary>One request's <see cref="ResponseParser"/> behind the server's output-parser seam.</summary>
internal sealed class TemplateOutputParser(ResponseParser parser) : IOutputParser
{
    public ParsedOutput Add(string text, bool done)
    {
        var parsed = parser.Add(text);
        if (done)
        {
            var rest = parser.Flush();
            parsed = new ParsedChunk(parsed.Content + rest.Content, parsed.Thinking + rest.Thinking, [.. parsed.ToolCalls, .. rest.ToolCalls]);
        }
        return new ParsedOutput(parsed.Content, parsed.Thinking, parsed.ToolCalls.Select(TemplateMapping.ToWireCall).ToList());
    }
}
