using Corral.Store.Names;

namespace Corral.Store.Manifests;

/// <summary>
/// Manifests under <c>manifests/&lt;host&gt;/&lt;namespace&gt;/&lt;model&gt;/&lt;tag&gt;</c>: list, case-insensitive
/// lookup, atomic write (temp file in the blobs dir, then rename) and delete with empty-dir pruning.
/// </summary>
public sealed class ManifestStore(StorePaths paths)
{
    public string GetPath(ModelName name) => Path.Combine(paths.Manifests, name.ManifestRelativePath);

    /// <summary>
    /// The name of an existing manifest that matches <paramref name="name"/> ignoring case, else
    /// <paramref name="name"/> itself: Ollama's getExistingName, so <c>LLaMa3</c> finds and overwrites <c>llama3</c>.
    /// </summary>
    public ModelName Canonicalize(ModelName name)
    {
        if (File.Exists(GetPath(name)))
        {
            return name;
        }

        return EnumerateNames().FirstOrDefault(existing => existing.EqualsIgnoreCase(name)) ?? name;
    }

    /// <summary>Reads the manifest of <paramref name="name"/> (matched ignoring case), or null when absent.</summary>
    public StoredManifest? Read(ModelName name)
    {
        var canonical = Canonicalize(name);
        var path = GetPath(canonical);
        byte[] bytes;
        DateTime modified;
        try
        {
            bytes = File.ReadAllBytes(path);
            modified = File.GetLastWriteTimeUtc(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return new StoredManifest(canonical, Manifest.Parse(bytes), bytes, modified);
    }

    /// <summary>Every readable manifest; <paramref name="corrupt"/> counts the ones that failed to parse.</summary>
    public IReadOnlyList<StoredManifest> List(out int corrupt)
    {
        var result = new List<StoredManifest>();
        corrupt = 0;
        foreach (var name in EnumerateNames())
        {
            try
            {
                var stored = Read(name);
                if (stored is not null)
                {
                    result.Add(stored);
                }
            }
            catch (StoreException)
            {
                corrupt++;
            }
        }

        return result;
    }

    /// <summary>Writes a manifest atomically and returns what is now on disk.</summary>
    public StoredManifest Write(ModelName name, Manifest manifest) => WriteBytes(name, manifest.ToBytes());

    /// <summary>Writes manifest bytes verbatim (copy keeps the digest) via temp file + rename.</summary>
    public StoredManifest WriteBytes(ModelName name, byte[] bytes)
    {
        var manifest = Manifest.Parse(bytes);
        var path = GetPath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Directory.CreateDirectory(paths.Blobs);
        var temp = paths.NewTempFile();
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return new StoredManifest(name, manifest, bytes, File.GetLastWriteTimeUtc(path));
    }

    /// <summary>Deletes the manifest and any directories left empty; false when it did not exist.</summary>
    public bool Delete(ModelName name)
    {
        var path = GetPath(Canonicalize(name));
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        PruneEmptyDirectories(Path.GetDirectoryName(path)!);
        return true;
    }

    /// <summary>Removes empty directories under the manifests root (startup pruning).</summary>
    public void PruneEmptyDirectories()
    {
        if (!Directory.Exists(paths.Manifests))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(paths.Manifests, "*", SearchOption.AllDirectories)
                     .OrderByDescending(d => d.Length))
        {
            if (!Directory.EnumerateFileSystemEntries(dir).Any())
            {
                Directory.Delete(dir);
            }
        }
    }

    private void PruneEmptyDirectories(string dir)
    {
        var root = paths.Manifests;
        while (dir.Length > root.Length && dir.StartsWith(root, StringComparison.Ordinal) &&
               Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
        {
            Directory.Delete(dir);
            dir = Path.GetDirectoryName(dir)!;
        }
    }

    // Exactly four levels host/namespace/model/tag; anything else (or an invalid name) is not a model.
    private IEnumerable<ModelName> EnumerateNames()
    {
        if (!Directory.Exists(paths.Manifests))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(paths.Manifests, "*", SearchOption.AllDirectories))
        {
            var parts = Path.GetRelativePath(paths.Manifests, file).Split(Path.DirectorySeparatorChar);
            if (parts.Length != 4)
            {
                continue;
            }

            var name = new ModelName(parts[0], parts[1], parts[2], parts[3]);
            if (name.IsValid)
            {
                yield return name;
            }
        }
    }
}
