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
        var variant = CpuVariant.ChooseForThisMachine(LlamaBackend.LibraryDirectory);
        var directory = Path.Combine(root, "prebuilt-" + variant);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        File.Copy(llamaBench, Path.Combine(directory, "llama-bench"));
        // Every library name the source build has (with its soname chain, libllama.so.0 -> libllama.so.0.5.0) is
        // linked: llama's and ggml's to the prebuilt files, llama-bench's own code (libllama-common,
        // libllama-bench-impl) to the source build's. The prebuilt files also find each other under their own
        // versioned sonames (libllama.v0.5.0.so), so those are linked too.
        var native = LlamaBackend.LibraryDirectory;
        var llama = Path.GetFileName(Directory.GetFiles(native, "libllama.*.so").Single());
        var ggml = Path.GetFileName(Directory.GetFiles(native, "libggml.*.so").Single());
        var links = new Dictionary<string, string>
        {
            [llama] = Path.Combine(native, llama),
            [ggml] = Path.Combine(native, ggml),
            [CpuVariant.FileName(variant)] = Path.Combine(native, CpuVariant.FileName(variant)),
        };
        foreach (var own in Directory.GetFiles(Path.GetDirectoryName(llamaBench)!, "lib*.so*"))
        {
            var name = Path.GetFileName(own);
            string? target = name switch
            {
                _ when name.StartsWith("libllama.so", StringComparison.Ordinal) => links[llama],
                _ when name.StartsWith("libggml.so", StringComparison.Ordinal) => links[ggml],
                _ when name.StartsWith("libggml-base.so", StringComparison.Ordinal) => Path.Combine(native, "libggml-base.so"),
                _ when name.StartsWith("libggml", StringComparison.Ordinal) => null, // the source build's CPU backend
                _ => own,
            };
            if (target is not null)
            {
                links[name] = target;
            }
        }

        foreach (var (link, target) in links)
        {
            File.CreateSymbolicLink(Path.Combine(directory, link), target);
        }

        return directory;
    }
}
