namespace Corral.Store.Create;

/// <summary>
/// Quantizes a GGUF file (the lead implements it over <c>llama_model_quantize</c>). <paramref name="type"/> is
/// the upper-case Ollama name (<c>Q4_K_M</c>, <c>Q4_K_S</c>, <c>Q8_0</c>, <c>F16</c>, <c>F32</c>).
/// </summary>
public interface IQuantizer
{
    Task QuantizeAsync(string srcPath, string dstPath, string type, IProgress<QuantizeProgress>? progress, CancellationToken ct);
}
