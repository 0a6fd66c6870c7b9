using Corral.Native;

namespace Corral.Bench;

/// <summary>
/// A directory where the source-built llama-bench runs over the prebuilt libraries Corral ships, with only the CPU
/// variant Corral loads (<see cref="CpuVariant"/>): llama-bench calls <c>ggml_backend_load_all</c>, which scans
/// the executable's directory and picks the best-scoring variant present (ggml-backend-reg.cpp), so leaving a
/// single variant there pins the choice.
/// </summary>
public static class PrebuiltLibraries
{
    public static string Prepare(string llamaBench, string root)
    {
        var variant = CpuVariant.Choose(CpuVariant.ReadCpuFlags(), Environment.GetEnvironmentVariable(CpuVariant.OverrideVariable));
        var directory = Path.Combine(root, "prebuilt-" + variant);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        File.Copy(llamaBench, Path.Combine(directory, "llama-bench"));
        // The prebuilt libraries carry versioned sonames (libllama.v0.5.0.so) and find each other under those
        // names; the source-built llama-bench asks for the plain ones. Link both.
        var native = LlamaBackend.LibraryDirectory;
        var llama = Path.GetFileName(Directory.GetFiles(native, "libllama.*.so").Single());
        var ggml = Path.GetFileName(Directory.GetFiles(native, "libggml.*.so").Single());
        foreach (var (link, target) in new[]
        {
            ("libllama.so", llama), (llama, llama), ("libggml.so", ggml), (ggml, ggml),
            ("libggml-base.so", "libggml-base.so"), (CpuVariant.FileName(variant), CpuVariant.FileName(variant)),
        })
        {
            File.CreateSymbolicLink(Path.Combine(directory, link), Path.Combine(native, target));
        }

        return directory;
    }
}
