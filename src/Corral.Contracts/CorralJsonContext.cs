using System.Text.Json.Serialization;
using Corral.Contracts.Json;
using Corral.Contracts.Ollama;

namespace Corral.Contracts;

/// <summary>
/// Source-generated JSON for the Ollama wire records: snake_case names, nulls omitted (Go's omitempty),
/// timestamps as Go RFC3339Nano. Property-level attributes keep the fields Go always writes.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(GoTimeJsonConverter)])]
[JsonSerializable(typeof(GenerateRequest))]
[JsonSerializable(typeof(GenerateResponse))]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(EmbedRequest))]
[JsonSerializable(typeof(EmbedResponse))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingResponse))]
[JsonSerializable(typeof(CreateRequest))]
[JsonSerializable(typeof(ProgressResponse))]
[JsonSerializable(typeof(PullRequest))]
[JsonSerializable(typeof(PushRequest))]
[JsonSerializable(typeof(ListResponse))]
[JsonSerializable(typeof(ProcessResponse))]
[JsonSerializable(typeof(ShowRequest))]
[JsonSerializable(typeof(ShowResponse))]
[JsonSerializable(typeof(CopyRequest))]
[JsonSerializable(typeof(DeleteRequest))]
[JsonSerializable(typeof(VersionResponse))]
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class CorralJsonContext : JsonSerializerContext;
