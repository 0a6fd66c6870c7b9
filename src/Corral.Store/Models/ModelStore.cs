using Corral.Store.Blobs;
using Corral.Store.Manifests;
using Corral.Store.Names;

namespace Corral.Store.Models;

/// <summary>
/// The model store: blobs + manifests + per-name locks, and the operations that touch both
/// (copy, delete with blob collection, startup pruning). One instance per store root per process.
/// </summary>
public sealed class ModelStore
{
    private readonly NameLocks _locks = new();

    /// <param name="paths">The store root.</param>
    /// <param name="noPrune"><c>OLLAMA_NOPRUNE</c>: keep blobs a replaced manifest no longer references.</param>
    public ModelStore(StorePaths paths, bool noPrune = false)
    {
        Paths = paths;
        NoPrune = noPrune;
        Blobs = new BlobStore(paths);
        Manifests = new ManifestStore(paths);
    }

    public bool NoPrune { get; }

    /// <summary>A store configured from <c>OLLAMA_MODELS</c> and <c>OLLAMA_NOPRUNE</c>.</summary>
    public static ModelStore FromEnvironment(Func<string, string?>? getEnv = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        return new ModelStore(StorePaths.FromEnvironment(getEnv), EnvironmentFlag(getEnv("OLLAMA_NOPRUNE")));
    }

    /// <summary>
    /// What Ollama does to the store when the server starts: legacy blob names fixed, then (unless
    /// <see cref="NoPrune"/>) unreferenced blobs and stale partials older than an hour pruned.
    /// </summary>
    public PruneResult RunStartupMaintenance(TimeProvider? time = null)
    {
        FixLegacyBlobNames();
        return NoPrune ? new PruneResult(0, 0) : Prune(TimeSpan.FromHours(1), time);
    }

    public StorePaths Paths { get; }

    public BlobStore Blobs { get; }

    public ManifestStore Manifests { get; }

    /// <summary>Serialises writers of one model name (create, copy, delete).</summary>
    public Task<IDisposable> LockNameAsync(ModelName name, CancellationToken ct = default) =>
        _locks.AcquireAsync(name, ct);

    /// <summary><c>POST /api/copy</c>: copies the manifest bytes verbatim, so the copy has the same digest.</summary>
    public async Task CopyAsync(string source, string destination, CancellationToken ct = default)
    {
        var src = ModelName.Parse(source);
        if (!src.IsValid)
        {
            throw StoreException.BadRequest($"source \"{source}\" is invalid");
        }

        var dst = ModelName.Parse(destination);
        if (!dst.IsValid)
        {
            throw StoreException.BadRequest($"destination \"{destination}\" is invalid");
        }

        var stored = Manifests.Read(src) ?? throw StoreException.NotFound($"model \"{source}\" not found");
        dst = Manifests.Canonicalize(dst);
        using (await LockNameAsync(dst, ct).ConfigureAwait(false))
        {
            Manifests.WriteBytes(dst, stored.Bytes);
        }
    }

    /// <summary>
    /// <c>DELETE /api/delete</c>: removes the manifest and empty directories, then the blobs of that manifest
    /// that no other manifest (and no in-progress create) references.
    /// </summary>
    public async Task DeleteAsync(string model, CancellationToken ct = default)
    {
        var name = ModelName.Parse(model);
        if (!name.IsValid)
        {
            throw StoreException.BadRequest($"name \"{model}\" is invalid");
        }

        name = Manifests.Canonicalize(name);
        using (await LockNameAsync(name, ct).ConfigureAwait(false))
        {
            StoredManifest? stored;
            try
            {
                stored = Manifests.Read(name);
            }
            catch (StoreException)
            {
                // A corrupt manifest is still deletable; its blobs are left for startup pruning.
                Manifests.Delete(name);
                return;
            }

            if (stored is null || !Manifests.Delete(name))
            {
                throw StoreException.NotFound($"model '{model}' not found");
            }

            DeleteUnreferenced(stored.Manifest.BlobDigests());
        }
    }

    /// <summary>Deletes those of <paramref name="candidates"/> no readable manifest or pin references.</summary>
    public int DeleteUnreferenced(IEnumerable<Digest> candidates)
    {
        var set = candidates.Select(d => d.Hex).ToHashSet(StringComparer.Ordinal);
        return Blobs.Collect(() => ReferencedBlobs(out _), DateTime.MaxValue, set);
    }

    /// <summary>
    /// Startup pruning (unless <c>OLLAMA_NOPRUNE</c>): blobs and stale partial files older than
    /// <paramref name="grace"/> that no manifest references, then empty manifest directories. Skipped when a
    /// manifest is corrupt, because its references are unknown (as Ollama does).
    /// </summary>
    public PruneResult Prune(TimeSpan grace, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        ReferencedBlobs(out var corrupt);
        if (corrupt > 0)
        {
            return new PruneResult(0, corrupt);
        }

        var deleted = Blobs.Collect(() => ReferencedBlobs(out _), now - grace, candidates: null);
        Manifests.PruneEmptyDirectories();
        return new PruneResult(deleted, 0);
    }

    /// <summary>
    /// Renames legacy <c>sha256:&lt;hex&gt;</c> blob files to <c>sha256-&lt;hex&gt;</c>, as Ollama does at startup
    /// (":" is not portable in file names). Returns the number renamed.
    /// </summary>
    public int FixLegacyBlobNames()
    {
        if (!Directory.Exists(Paths.Blobs))
        {
            return 0;
        }

        var renamed = 0;
        foreach (var file in Directory.EnumerateFiles(Paths.Blobs, "sha256:*"))
        {
            if (Digest.TryParse(Path.GetFileName(file), out var digest))
            {
                File.Move(file, Blobs.GetPath(digest), overwrite: true);
                renamed++;
            }
        }

        return renamed;
    }

    // envconfig.Bool: unset or empty is false, a strconv.ParseBool value is itself, anything else is true.
    private static bool EnvironmentFlag(string? value) => value?.Trim() switch
    {
        null or "" => false,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => true,
    };

    private HashSet<string> ReferencedBlobs(out int corrupt) =>
        Manifests.List(out corrupt).SelectMany(m => m.Manifest.BlobDigests()).Select(d => d.Hex)
            .ToHashSet(StringComparer.Ordinal);
}
