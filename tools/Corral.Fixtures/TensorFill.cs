namespace Corral.Fixtures;

/// <summary>
/// Produces a tensor's values in chunks: fills <paramref name="destination"/> with the elements starting at
/// flat index <paramref name="firstElement"/> (row-major over ggml's shape, dimension 0 fastest), so
/// billion-element tensors are written without holding them in memory.
/// </summary>
public delegate void TensorFill(Span<float> destination, long firstElement);
