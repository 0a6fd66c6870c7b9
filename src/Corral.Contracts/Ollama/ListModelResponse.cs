namespace Corral.Contracts.Ollama;

/// <summary>One local model in <c>GET /api/tags</c> (Go <c>api.ListModelResponse</c>).</summary>
public sealed record ListModelResponse
{
    /// <summary>Shortest display name, e.g. <c>llama3.2:latest</c>.</summary>
    public string Name { get; set; } = "";

    public string Model { get; set; } = "";

    public string? RemoteModel { get; init; }

    public string? RemoteHost { get; init; }

    public DateTimeOffset ModifiedAt { get; init; }

    /// <summary>Sum of the layer sizes in bytes.</summary>
    public long Size { get; init; }

    /// <summary>SHA-256 hex of the manifest file, without prefix.</summary>
    public string Digest { get; set; } = "";

    public ModelDetails Details { get; set; } = new();

    public IReadOnlyList<string>? Capabilities { get; init; }
}
