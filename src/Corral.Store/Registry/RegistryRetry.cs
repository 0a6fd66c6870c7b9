using System.Net.Http;
using System.Net.Sockets;

namespace Corral.Store.Registry;

/// <summary>Retry with exponential backoff (Ollama: up to 6 retries sleeping 2^try seconds) on transient failures only.</summary>
internal static class RegistryRetry
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> action, RegistryOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await action().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < options.MaxRetries && IsTransient(e, cancellationToken))
            {
                await Task.Delay(Delay(options, attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static TimeSpan Delay(RegistryOptions options, int attempt) => options.RetryBaseDelay * Math.Pow(2, attempt);

    /// <summary>
    /// Network drops, 5xx/429 and stalls are retried; disk errors (ENOSPC), 4xx and cancellation are not.
    /// </summary>
    public static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && e switch
        {
            RegistryException registry => registry.Kind == RegistryErrorKind.Transient,
            HttpRequestException => true,
            HttpIOException => true,
            IOException { InnerException: SocketException or HttpIOException } => true,
            TaskCanceledException => true,
            _ => false,
        };
}
