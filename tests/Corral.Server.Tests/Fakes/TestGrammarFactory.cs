using System.Text.Json;
using Corral.Server.Http;
using Corral.Server.Models;

namespace Corral.Server.Tests.Fakes;

/// <summary>Names the grammar after the format so tests can check it reached the runner.</summary>
public sealed class TestGrammarFactory : IGrammarFactory
{
    public (string? Grammar, ApiError? Error) Create(JsonElement format) =>
        format.ValueKind == JsonValueKind.String ? ("json-grammar", null) : ("schema-grammar:" + format.GetRawText(), null);
}
