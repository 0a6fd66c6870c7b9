namespace Corral.Store.Create;

/// <summary>Quantization progress: tensors (or bytes) done out of total.</summary>
public readonly record struct QuantizeProgress(long Completed, long Total);
