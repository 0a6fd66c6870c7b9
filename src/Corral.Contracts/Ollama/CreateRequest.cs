using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Body of <c>POST /api/create</c> (Go <c>api.CreateRequest</c>).</summary>
public sealed record CreateRequest
{
    public string Model { get; set; } = "";

    /// <summary>Existing model to build on.</summary>
    public string? From { get; init; }

    /// <summary>File name to blob digest (<c>sha256:...</c>) of uploaded files.</summary>
    public Dictionary<string, string>? Files { get; init; }

    public Dictionary<string, string>? Adapters { get; init; }

    public string? Template { get; init; }

    /// <summary>A string or an array of strings.</summary>
    public JsonElement? License { get; init; }

    public string? System { get; init; }

    public Dictionary<string, JsonElement>? Parameters { get; init; }

    public IReadOnlyList<Message>? Messages { get; init; }

    public string? Renderer { get; init; }

    public string? Parser { get; init; }

    public string? Requires { get; init; }

    public bool? Stream { get; init; }

    public string? Quantize { get; init; }

    public string? RemoteHost { get; init; }

    /// <summary>Metadata overrides (capabilities, model_family, context_length...).</summary>
    public Dictionary<string, JsonElement>? Info { get; init; }

    public Dictionary<string, string>? DraftFiles { get; init; }

    public string? DraftQuantize { get; init; }

    /// <summary>Deprecated alias of <see cref="Model"/>.</summary>
    public string? Name { get; init; }

    /// <summary>Deprecated alias of <see cref="Quantize"/>.</summary>
    public string? Quantization { get; init; }
}
