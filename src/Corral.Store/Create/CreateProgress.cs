using System.Text.Json.Serialization;

namespace Corral.Store.Create;

/// <summary>One <c>/api/create</c> progress line (Go <c>api.ProgressResponse</c>).</summary>
public sealed record CreateProgress(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("digest")] string? Digest = null,
    [property: JsonPropertyName("total")] long? Total = null,
    [property: JsonPropertyName("completed")] long? Completed = null);
