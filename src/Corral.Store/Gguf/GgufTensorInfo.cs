namespace Corral.Store.Gguf;

/// <summary>One tensor descriptor: name, ggml type, shape (ggml order), data offset and byte size.</summary>
public sealed record GgufTensorInfo(string Name, uint Type, IReadOnlyList<ulong> Shape, ulong Offset, ulong Size)
{
    /// <summary>The ggml type name Ollama's show reports (<c>F32</c>, <c>Q4_K</c>...).</summary>
    public string TypeName => GgmlTypes.Name(Type);

    public ulong Elements => Shape.Aggregate(1UL, (a, d) => a * d);
}
