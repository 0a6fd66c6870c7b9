using System.Text.Json;
using Corral.Grammar;
using Corral.Server.Http;
using Corral.Server.Models;

namespace Corral.Server.Wiring;

/// <summary>Ollama's <c>format</c> rules (Corral.Grammar) behind the server's grammar seam.</summary>
public sealed class FormatGrammarFactory : IGrammarFactory
{
    public (string? Grammar, ApiError? Error) Create(JsonElement format)
    {
        try
        {
            return (FormatGrammar.FromFormat(format), null);
        }
        catch (ArgumentException e)
        {
            // UnsupportedSchemaException is an ArgumentException too: a schema the grammar cannot express is
            // the client's input, so it is a 400 naming the problem rather than Ollama's bare 500.
            return (null, new ApiError(400, e.Message));
        }
    }
}
