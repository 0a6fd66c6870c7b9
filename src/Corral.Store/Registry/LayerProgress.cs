namespace Corral.Store.Registry;

/// <summary>
/// Progress of one blob, safe to advance from parallel parts; emits at most one event per interval plus the final
/// one (Ollama ticks every 60 ms).
/// </summary>
internal sealed class LayerProgress(string status, RegistryLayer layer, IProgress<RegistryProgress>? sink,
    TimeSpan interval, long completed)
{
    private readonly Lock _lock = new();
    private long _completed = completed;
    private long _lastReport = long.MinValue;

    public void Add(long bytes)
    {
        lock (_lock)
        {
            _completed += bytes;
            var now = Environment.TickCount64;
            if (now - _lastReport < interval.TotalMilliseconds && _completed < layer.Size)
                return;
            _lastReport = now;
            ReportLocked();
        }
    }

    public void Report()
    {
        lock (_lock)
            ReportLocked();
    }

    private void ReportLocked() =>
        sink?.Report(new RegistryProgress($"{status} {layer.Digest.Short}", layer.Digest.ToString(), layer.Size,
            _completed));
}
