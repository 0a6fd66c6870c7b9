using System.Collections.Concurrent;
using Corral.Store.Names;

namespace Corral.Store.Models;

/// <summary>
/// One async lock per model name (case-insensitive, as names resolve), so a create, copy or delete of the
/// same name never interleave their manifest writes.
/// </summary>
internal sealed class NameLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(ModelName name, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(name.DisplayFull.ToLowerInvariant(), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new ReleaseOnce(() => gate.Release());
    }
}
