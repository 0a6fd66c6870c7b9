namespace Corral.Fixtures;

/// <summary>One tensor to write: ggml shape (dimension 0 is the contiguous one) and where its values come from.</summary>
public sealed record GgufTensor(string Name, TensorType Type, IReadOnlyList<ulong> Shape, TensorFill Fill)
{
    public ulong Elements => Shape.Aggregate(1UL, (product, dimension) => product * dimension);

    public ulong ByteSize => Elements * (Type == TensorType.F32 ? 4UL : 2UL);
}
