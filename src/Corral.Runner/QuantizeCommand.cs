using Corral.Native;

namespace Corral.Runner;

/// <summary>
/// The hidden <c>corral quantize IN OUT TYPE</c> command: the server runs quantization in this child process so
/// that it never loads native code itself and a crash in llama.cpp cannot take the server down.
/// </summary>
public static class QuantizeCommand
{
    /// <summary>Returns the exit code: 0 on success, 1 when quantization fails, 2 for bad arguments (message on stderr).</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        if (args is not [var input, var output, var type])
        {
            Console.Error.WriteLine("usage: corral quantize <input.gguf> <output.gguf> <type>");
            return 2;
        }
        if (FileType(type) is not { } fileType)
        {
            Console.Error.WriteLine($"unsupported quantization type {type}");
            return 2;
        }
        try
        {
            LlamaQuantizer.Quantize(input, output, fileType);
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    // llama_ftype values of the types Ollama's create accepts (llama.h: LLAMA_FTYPE_*).
    private static int? FileType(string type) => type.ToUpperInvariant() switch
    {
        "F32" => 0,
        "F16" => 1,
        "Q8_0" => 7,
        "Q4_K_S" => 14,
        "Q4_K_M" => 15,
        _ => null,
    };
}
