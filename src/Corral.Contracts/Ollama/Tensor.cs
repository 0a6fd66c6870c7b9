namespace Corral.Contracts.Ollama;

/// <summary>One tensor listed by <c>/api/show</c>.</summary>
public sealed record Tensor
{
    public string Name { get; init; } = "";

    public string Type { get; init; } = "";

    public IReadOnlyList<ulong> Shape { get; init; } = [];
}
