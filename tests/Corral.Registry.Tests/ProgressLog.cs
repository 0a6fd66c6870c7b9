using System.Collections.Concurrent;
using Corral.Store.Registry;

namespace Corral.Registry.Tests;

/// <summary>Records progress synchronously (Progress&lt;T&gt; would post to a context and arrive late).</summary>
internal sealed class ProgressLog : IProgress<RegistryProgress>
{
    private readonly ConcurrentQueue<RegistryProgress> _events = new();

    public IReadOnlyList<RegistryProgress> Events => _events.ToList();

    public IReadOnlyList<string> Statuses => _events.Select(e => e.Status).Distinct().ToList();

    public void Report(RegistryProgress value) => _events.Enqueue(value);
}
