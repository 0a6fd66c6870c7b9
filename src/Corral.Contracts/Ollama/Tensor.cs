namespace Corral.Contracts.Ollama;

/// <summary>One tensor listed by <c>/api/show</c>.</summary>
public sealed record Tensor
{
    public string Name { get; set; } = "";

    public string Type { get; set; } = "";

    public IReadOnlyList<ulong> Shape { get; set; } = [];
}
