using System.Text.Json.Nodes;
using Corral.Store.Manifests;

namespace Corral.Store.Create;

/// <summary>The store-side form of an <c>/api/create</c> request (Go <c>api.CreateRequest</c>), reference §1.5.</summary>
public sealed record CreateModelRequest
{
    public string Model { get; init; } = "";

    /// <summary>An existing model name to inherit layers from.</summary>
    public string? From { get; init; }

    /// <summary>Relative file name to <c>sha256:&lt;hex&gt;</c> of previously uploaded blobs.</summary>
    public IReadOnlyDictionary<string, string>? Files { get; init; }

    /// <summary>LoRA adapters: relative file name to digest (one supported).</summary>
    public IReadOnlyDictionary<string, string>? Adapters { get; init; }

    public string? Template { get; init; }

    public string? System { get; init; }

    public IReadOnlyList<string>? License { get; init; }

    /// <summary>Options merged over the base model's params layer (request keys win).</summary>
    public JsonObject? Parameters { get; init; }

    /// <summary>Replaces the base model's messages when non-empty.</summary>
    public IReadOnlyList<ModelMessage>? Messages { get; init; }

    public string? Renderer { get; init; }

    public string? Parser { get; init; }

    public string? Requires { get; init; }

    /// <summary><c>q4_K_M</c>, <c>q4_K_S</c>, <c>q8_0</c>, <c>f16</c>, <c>f32</c> (case-insensitive).</summary>
    public string? Quantize { get; init; }
}
