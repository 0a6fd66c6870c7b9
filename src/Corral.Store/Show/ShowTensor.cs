using System.Text.Json.Serialization;

namespace Corral.Store.Show;

/// <summary>One entry of show's <c>tensors</c> (Go <c>api.Tensor</c>).</summary>
public sealed record ShowTensor(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("shape")] IReadOnlyList<ulong> Shape);
