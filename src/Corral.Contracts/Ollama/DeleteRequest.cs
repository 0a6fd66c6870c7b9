namespace Corral.Contracts.Ollama;

/// <summary>Body of <c>DELETE /api/delete</c>.</summary>
public sealed record DeleteRequest
{
    public string Model { get; set; } = "";

    /// <summary>Deprecated alias of <see cref="Model"/>.</summary>
    public string? Name { get; init; }
}
