using System.Net;
using Corral.Cli.CommandLine;
using Corral.Client;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Commands;

/// <summary><c>corral rm MODEL...</c>: stops each model if loaded, then deletes it (Ollama's <c>DeleteHandler</c>).</summary>
public static class RemoveCommand
{
    public static CommandSpec Spec { get; } = new("rm", "Remove a model", "rm MODEL [MODEL...]", [], ArgCount.AtLeast(1), RunAsync);

    private static async Task<int> RunAsync(CliContext context, ParsedArgs args, CancellationToken ct)
    {
        foreach (var model in args.Positional)
        {
            try
            {
                await ModelUnloader.UnloadAsync(context, model, ct).ConfigureAwait(false);
            }
            catch (StatusException e) when (!e.ErrorMessage.Contains("not found", StringComparison.OrdinalIgnoreCase) && e.StatusCode != HttpStatusCode.NotFound)
            {
                await context.Stderr.WriteLineAsync($"Warning: unable to stop model '{model}'").ConfigureAwait(false);
            }
            catch (StatusException)
            {
                // Not found: nothing was loaded; the delete below reports a missing model.
            }

            await context.Client.DeleteAsync(new DeleteRequest { Model = model }, ct).ConfigureAwait(false);
            await context.Stdout.WriteLineAsync($"deleted '{model}'").ConfigureAwait(false);
        }

        return 0;
    }
}
