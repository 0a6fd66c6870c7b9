namespace Corral.Store;

/// <summary>Runs a release action exactly once, however often it is disposed (pins, name locks).</summary>
internal sealed class ReleaseOnce(Action release) : IDisposable
{
    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            release();
        }
    }
}
