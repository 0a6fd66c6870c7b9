using Corral.Contracts.Ollama;

namespace Corral.Cli.Progress;

/// <summary>
/// Renders a pull/push/create progress stream as Ollama's CLI does: a bar per layer digest (labelled
/// <c>pulling &lt;12 hex&gt;:</c> for pulls, the status otherwise), a spinner for every other status.
/// </summary>
public static class TransferProgress
{
    public static async Task ShowAsync(IAsyncEnumerable<ProgressResponse> stream, ProgressDisplay display, Func<ProgressResponse, string> barLabel, CancellationToken ct)
    {
        var bars = new Dictionary<string, ProgressBar>(StringComparer.Ordinal);
        Spinner? spinner = null;
        await foreach (var update in stream.WithCancellation(ct).ConfigureAwait(false))
        {
            if (!string.IsNullOrEmpty(update.Digest) && update.Total > 0)
            {
                if (!bars.TryGetValue(update.Digest, out var bar))
                {
                    spinner?.Stop(display.Now);
                    bar = new ProgressBar(barLabel(update), update.Total, update.Completed, display.Now);
                    bars[update.Digest] = bar;
                    display.Add(bar);
                }

                bar.Set(update.Completed, display.Now);
                display.Flush();
            }
            else if (spinner?.Message != update.Status)
            {
                spinner?.Stop(display.Now);
                spinner = new Spinner(update.Status, display.Now);
                display.Add(spinner);
            }
        }
    }

    /// <summary><c>pulling 1a2b3c4d5e6f:</c>: the digest's first 12 hex digits.</summary>
    public static string PullLabel(ProgressResponse update)
    {
        var hex = update.Digest!.StartsWith("sha256:", StringComparison.Ordinal) ? update.Digest[7..] : update.Digest;
        return $"pulling {hex[..Math.Min(12, hex.Length)].Trim()}:";
    }
}
