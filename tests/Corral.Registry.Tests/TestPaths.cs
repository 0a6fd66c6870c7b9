namespace Corral.Registry.Tests;

/// <summary>Fixture models live in ../shared/models relative to the repository root (the directory with Corral.slnx).</summary>
internal static class TestPaths
{
    public static string Models { get; } = Path.Combine(RepositoryRoot(), "..", "shared", "models");

    public static string TinyLlama => Path.Combine(Models, "llama-2-tiny-random.gguf");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Corral.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Corral.slnx not found above " + AppContext.BaseDirectory);
    }
}
