namespace Corral.Templates.Tests;

/// <summary>Finds the repository the way the team agreed: walk up from the test binaries to Corral.slnx.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Corral.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Corral.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ProjectDirectory => Path.Combine(RepositoryRoot, "tests", "Corral.Templates.Tests");
}
