namespace Corral.IntegrationTests.Infrastructure;

/// <summary>Where the repository, the shared fixture models and the built <c>corral.dll</c> are.</summary>
public static class TestPaths
{
    /// <summary>The directory holding <c>Corral.slnx</c>, found by walking up from the test output.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The fixture GGUFs (<c>../shared/models</c> from the repository root).</summary>
    public static string Models => Path.Combine(RepositoryRoot, "..", "shared", "models");

    /// <summary>The Llama-3 BPE-vocab fixture (24 MB, F16, random weights).</summary>
    public static string Llama3Fixture => Path.Combine(Models, "rand-tiny-f16.gguf");

    /// <summary>The Llama-2 SPM-vocab fixture (1.7 MB, random weights).</summary>
    public static string Llama2Fixture => Path.Combine(Models, "llama-2-tiny-random.gguf");

    /// <summary>Golden prompts of the template tests (<c>testdata/&lt;template&gt;/&lt;conversation&gt;</c>).</summary>
    public static string TemplateGoldens => Path.Combine(RepositoryRoot, "tests", "Corral.Templates.Tests", "testdata");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Corral.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no Corral.slnx above {AppContext.BaseDirectory}");
    }
}
