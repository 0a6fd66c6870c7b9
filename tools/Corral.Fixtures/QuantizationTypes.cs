namespace Corral.Fixtures;

/// <summary>Quantization names accepted on the command line, as llama.cpp's <c>enum llama_ftype</c> values.</summary>
public static class QuantizationTypes
{
    private static readonly Dictionary<string, int> _fileTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Q4_0"] = 2, ["Q8_0"] = 7, ["Q4_K_S"] = 14, ["Q4_K_M"] = 15, ["Q5_K_M"] = 17, ["Q6_K"] = 18,
    };

    public static int FileType(string name) => _fileTypes.TryGetValue(name, out var fileType)
        ? fileType
        : throw new ArgumentException($"unknown quantization '{name}' (known: {string.Join(", ", _fileTypes.Keys)})");
}
