using System.Threading.Channels;

namespace Corral.Store.Transfer;

/// <summary>
/// Writes reports straight into an unbounded channel: unlike <see cref="Progress{T}"/> it neither posts to a
/// synchronization context nor reorders reports made from parallel download parts.
/// </summary>
internal sealed class ChannelProgress<T>(ChannelWriter<T> writer) : IProgress<T>
{
    public void Report(T value) => writer.TryWrite(value);
}
