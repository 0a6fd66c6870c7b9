namespace Corral.Store;

/// <summary>
/// Where the store lives: <c>OLLAMA_MODELS</c> or <c>~/.ollama/models</c>, laid out exactly as Ollama's
/// (<c>blobs/sha256-&lt;hex&gt;</c>, <c>manifests/&lt;host&gt;/&lt;namespace&gt;/&lt;model&gt;/&lt;tag&gt;</c>).
/// </summary>
public sealed class StorePaths
{
    public StorePaths(string root)
    {
        Root = Path.GetFullPath(root);
        Blobs = Path.Combine(Root, "blobs");
        Manifests = Path.Combine(Root, "manifests");
    }

    public string Root { get; }

    public string Blobs { get; }

    public string Manifests { get; }

    /// <summary>The default root: <c>OLLAMA_MODELS</c> when set, else <c>~/.ollama/models</c>.</summary>
    public static StorePaths FromEnvironment(Func<string, string?>? getEnv = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        var configured = getEnv("OLLAMA_MODELS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new StorePaths(configured);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new StorePaths(Path.Combine(home, ".ollama", "models"));
    }

    /// <summary>A fresh temporary file name inside the blobs directory (same file system as the final names,
    /// so the final rename is atomic; an abandoned one is pruned as a stale partial).</summary>
    public string NewTempFile() => Path.Combine(Blobs, $"tmp-{Guid.NewGuid():N}-partial");
}
