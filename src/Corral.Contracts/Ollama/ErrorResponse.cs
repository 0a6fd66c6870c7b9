namespace Corral.Contracts.Ollama;

/// <summary>Every native error body: <c>{"error":"..."}</c>.</summary>
public sealed record ErrorResponse
{
    public string Error { get; set; } = "";
}
