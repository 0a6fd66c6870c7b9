using System.Text.Json.Serialization;

namespace Corral.Store.Show;

/// <summary><c>details</c> of tags and show (Go <c>api.ModelDetails</c>).</summary>
public sealed record ModelDetails(
    [property: JsonPropertyName("parent_model")] string ParentModel,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("families")] IReadOnlyList<string>? Families,
    [property: JsonPropertyName("parameter_size")] string ParameterSize,
    [property: JsonPropertyName("quantization_level")] string QuantizationLevel);
