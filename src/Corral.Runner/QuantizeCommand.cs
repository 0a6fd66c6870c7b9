using Corral.Native;

namespace Corral.Runner;

/// <summary>
/// The hidden <c>corral quantize IN OUT TYPE</c> command: the server runs quantization in this child process so
/// that it never loads native code itself and a crash in llama.cpp cannot take the server down.
/// </summary>
public static class QuantizeCommand
{
    /// <summary>
    /// Returns the exit code: 0 on success, 1 when quantization fails, 2 for bad arguments (message on stderr).
    /// With <c>--parent-pid N</c> the process exits (code 3) as soon as N is gone: a server killed mid-create must
    /// not leave a quantizer writing into its store.
    /// </summary>
    public static int Run(IReadOnlyList<string> args)
    {
        if (args is not ([_, _, _] or [_, _, _, "--parent-pid", _]))
        {
            Console.Error.WriteLine("usage: corral quantize <input.gguf> <output.gguf> <type> [--parent-pid N]");
            return 2;
        }
        if (args.Count == 5)
        {
            if (!int.TryParse(args[4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parent))
            {
                Console.Error.WriteLine($"invalid --parent-pid {args[4]}");
                return 2;
            }
            new Thread(() => ExitWhenGone(parent)) { IsBackground = true, Name = "parent watcher" }.Start();
        }
        var (input, output, type) = (args[0], args[1], args[2]);
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

    private static void ExitWhenGone(int parent)
    {
        while (ParentWatcher.IsAlive(parent))
        {
            Thread.Sleep(500);
        }
        Console.Error.WriteLine($"parent process {parent} is gone, stopping the quantization");
        Environment.Exit(3);
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
