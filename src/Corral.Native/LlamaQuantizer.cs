namespace Corral.Native;

/// <summary><c>llama_model_quantize</c> with its default parameters (for <c>create --quantize</c>).</summary>
public static class LlamaQuantizer
{
    /// <summary>
    /// Writes a quantized copy of <paramref name="inputPath"/> to <paramref name="outputPath"/>. The caller
    /// writes to a temporary name and renames after success. <paramref name="fileType"/> is a llama_ftype value
    /// (e.g. 7 = Q8_0, 15 = Q4_K_M). Throws with llama.cpp's last error when quantization fails.
    /// </summary>
    public static void Quantize(string inputPath, string outputPath, int fileType, int threads = 0)
    {
        LlamaBackend.EnsureInitialized();
        var parameters = LlamaApi.ModelQuantizeDefaultParams();
        parameters.Ftype = fileType;
        parameters.NThread = threads;
        LlamaBackend.TakeLoggedErrors();
        var status = LlamaApi.ModelQuantize(inputPath, outputPath, parameters);
        if (status != 0)
        {
            throw new InvalidOperationException(
                $"quantizing '{inputPath}' to type {fileType} failed: {LlamaBackend.TakeLoggedErrors() ?? $"status {status}"}");
        }
    }
}
