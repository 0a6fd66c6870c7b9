namespace Corral.Cli.Commands;

/// <summary><c>corral -v</c>: the server's version, and the client's when it differs (Ollama's <c>versionHandler</c>).</summary>
public static class VersionCommand
{
    /// <summary>The Ollama release whose API and CLI this client reproduces (the server reports the same).</summary>
    public const string ClientVersion = "0.33.0";

    public static async Task<int> RunAsync(CliContext context, CancellationToken ct)
    {
        string? serverVersion = null;
        try
        {
            serverVersion = await context.Client.VersionAsync(ct).ConfigureAwait(false);
            await context.Stdout.WriteLineAsync($"corral version is {serverVersion}").ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            await context.Stdout.WriteLineAsync("Warning: could not connect to a running corral instance").ConfigureAwait(false);
        }

        if (serverVersion != ClientVersion)
        {
            await context.Stdout.WriteLineAsync($"Warning: client version is {ClientVersion}").ConfigureAwait(false);
        }

        return 0;
    }
}
