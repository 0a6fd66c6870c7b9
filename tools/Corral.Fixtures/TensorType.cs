namespace Corral.Fixtures;

/// <summary>The unquantized ggml tensor types the writer emits (values are ggml.h <c>enum ggml_type</c>).</summary>
public enum TensorType : uint
{
    F32 = 0,
    F16 = 1,
}
