namespace Corral.Store.Models;

/// <summary>What startup pruning did: files deleted, or the number of corrupt manifests that made it skip.</summary>
public readonly record struct PruneResult(int DeletedFiles, int CorruptManifests)
{
    public bool Skipped => CorruptManifests > 0;
}
