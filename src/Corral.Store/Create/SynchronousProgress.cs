namespace Corral.Store.Create;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, in order (unlike
/// <see cref="Progress{T}"/>, which posts to the thread pool and can reorder or outlive the operation).</summary>
internal sealed class SynchronousProgress(Action<QuantizeProgress> report) : IProgress<QuantizeProgress>
{
    public void Report(QuantizeProgress value) => report(value);
}
