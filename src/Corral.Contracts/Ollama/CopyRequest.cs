namespace Corral.Contracts.Ollama;

/// <summary>Body of <c>POST /api/copy</c>.</summary>
public sealed record CopyRequest
{
    public string Source { get; set; } = "";

    public string Destination { get; set; } = "";
}
