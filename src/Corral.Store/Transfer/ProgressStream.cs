using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Corral.Store.Transfer;

/// <summary>
/// Runs an operation that reports through <see cref="IProgress{T}"/> (possibly from several threads) and exposes its
/// reports as an async stream in the order they were made. The operation's exception ends the stream; a consumer
/// that stops early cancels the operation and waits for it, so no download keeps running behind a closed request.
/// </summary>
internal static class ProgressStream
{
    public static async IAsyncEnumerable<T> RunAsync<T>(Func<IProgress<T>, CancellationToken, Task> operation,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = Task.Run(async () =>
        {
            try
            {
                await operation(new ChannelProgress<T>(channel.Writer), stop.Token).ConfigureAwait(false);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await run.ConfigureAwait(false);
        }
    }
}
