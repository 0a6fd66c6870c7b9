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
    /// so the final rename is atomic). It carries the writer's process id, so the next startup can remove the files
    /// of a process that was killed mid-write; other abandoned ones are pruned as stale partials.</summary>
    public string NewTempFile() => Path.Combine(Blobs, $"tmp-{Environment.ProcessId}-{Guid.NewGuid():N}-partial");

    /// <summary>The id of the process that named <paramref name="fileName"/> with <see cref="NewTempFile"/>, else null.</summary>
    public static int? TempFileWriter(string fileName)
    {
        var parts = fileName.Split('-');
        return parts is ["tmp", var pid, _, "partial"] && int.TryParse(pid, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
