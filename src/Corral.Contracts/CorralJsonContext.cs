using System.Text.Json;
using System.Text.Json.Serialization;
using Corral.Contracts.Json;
using Corral.Contracts.Ollama;

namespace Corral.Contracts;

/// <summary>
/// Source-generated JSON for the Ollama wire records: snake_case names, nulls omitted (Go's omitempty),
/// timestamps as Go RFC3339Nano. Property-level attributes keep the fields Go always writes.
/// Properties with a default value (<c>Model = ""</c>, <c>Content = ""</c>...) have <c>set</c> accessors, not
/// <c>init</c>: source-generated deserialization assigns every missing init-only property <c>default</c> (null),
/// which would turn Go's "absent means zero value" into nulls.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(GoTimeJsonConverter), typeof(GoStringJsonConverter)])]
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
public sealed partial class CorralJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the server writes with: like <see cref="Default"/> but escaping strings exactly as Go does
    /// (<see cref="GoJsonEncoder"/>), so <c>model 'x' not found</c> is sent as-is instead of with <c>\u0027</c>.
    /// </summary>
    // Built on first use: a static initializer could run before the generated Default exists.
    public static CorralJsonContext Wire => field ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = GoJsonEncoder.Instance,
        TypeInfoResolver = null,
    });
}
