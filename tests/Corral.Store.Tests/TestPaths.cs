namespace Corral.Store.Tests;

/// <summary>Locates the fixture models (../shared/models relative to the repository root).</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Models => Path.Combine(RepoRoot, "..", "shared", "models");

    /// <summary>Llama-2 SPM vocab, 1.7 MB.</summary>
    public static string TinyLlama2 => Path.Combine(Models, "llama-2-tiny-random.gguf");

    /// <summary>Llama-3 BPE vocab, F16, 24 MB.</summary>
    public static string TinyF16 => Path.Combine(Models, "rand-tiny-f16.gguf");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Corral.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Corral.slnx not found above " + AppContext.BaseDirectory);
    }
}
