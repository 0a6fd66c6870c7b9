namespace Corral.Cli.Tests.Infrastructure;

/// <summary>Locations found from the test output directory: the repository root (has Corral.slnx) and the shared fixtures.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TinyModel { get; } = Path.Combine(Root, "..", "shared", "models", "rand-tiny-f16.gguf");

    /// <summary>The <c>corral</c> executable's assembly, copied next to the tests by the project reference.</summary>
    public static string CorralDll { get; } = Path.Combine(AppContext.BaseDirectory, "corral.dll");

    private static string FindRoot()
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
