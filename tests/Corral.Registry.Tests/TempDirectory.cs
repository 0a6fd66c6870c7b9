namespace Corral.Registry.Tests;

/// <summary>A fresh directory per test, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("corral-registry-").FullName;

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file under the directory, relative, sorted: a test compares it before and after.</summary>
    public IReadOnlyList<string> Files() => Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
        .Select(file => System.IO.Path.GetRelativePath(Path, file)).Order(StringComparer.Ordinal).ToList();

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
