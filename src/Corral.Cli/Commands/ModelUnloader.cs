using Corral.Contracts.Ollama;

namespace Corral.Cli.Commands;

/// <summary>Unloads a model the way Ollama's <c>loadOrUnloadModel</c> does: an empty generate with keep_alive 0.</summary>
public static class ModelUnloader
{
    public static async Task UnloadAsync(CliContext context, string model, CancellationToken ct) =>
        await context.Client.GenerateAsync(new GenerateRequest { Model = model, KeepAlive = new Duration(0) }, ct).ConfigureAwait(false);
}
