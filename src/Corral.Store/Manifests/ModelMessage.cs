using System.Text.Json.Serialization;

namespace Corral.Store.Manifests;

/// <summary>One entry of the messages layer (<c>MESSAGE role content</c>).</summary>
public sealed record ModelMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content);
