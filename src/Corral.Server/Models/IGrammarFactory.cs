using System.Text.Json;
using Corral.Server.Http;

namespace Corral.Server.Models;

/// <summary>Turns a request's <c>format</c> (<c>"json"</c> or a JSON Schema object) into a GBNF grammar.</summary>
public interface IGrammarFactory
{
    (string? Grammar, ApiError? Error) Create(JsonElement format);
}
