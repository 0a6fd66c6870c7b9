namespace Corral.Store.Gguf;

/// <summary>A GGUF array value: element type and elements (boxed scalars, strings or nested arrays).</summary>
public sealed record GgufArray(GgufValueType ElementType, IReadOnlyList<object> Items);
