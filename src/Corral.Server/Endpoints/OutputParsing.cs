using Corral.Contracts.Runner;
using Corral.Server.Models;

namespace Corral.Server.Endpoints;

/// <summary>Runs a chunk through the request's output parser (if any).</summary>
internal static class OutputParsing
{
    /// <summary>
    /// The parsed chunk, or null when a parser held everything back and the chunk has nothing else to show
    /// (Ollama suppresses such chunks; the final chunk is always answered).
    /// </summary>
    public static ParsedOutput? Parse(IOutputParser? parser, CompletionChunk chunk)
    {
        if (parser is null)
        {
            return new ParsedOutput(chunk.Content, null, null);
        }
        var parsed = parser.Add(chunk.Content, chunk.Done);
        return parsed.IsEmpty && !chunk.Done && chunk.Logprobs is not { Count: > 0 } ? null : parsed;
    }
}
