using System.Net;
using Corral.Cli.CommandLine;
using Corral.Client;

namespace Corral.Cli.Commands;

/// <summary><c>corral stop MODEL</c>: unloads a running model (Ollama's <c>StopHandler</c>).</summary>
public static class StopCommand
{
    public static CommandSpec Spec { get; } = new("stop", "Stop a running model", "stop MODEL", [], ArgCount.Exactly(1), RunAsync);

    private static async Task<int> RunAsync(CliContext context, ParsedArgs args, CancellationToken ct)
    {
        var model = args.Positional[0];
        try
        {
            await ModelUnloader.UnloadAsync(context, model, ct).ConfigureAwait(false);
        }
        catch (StatusException e) when (e.StatusCode == HttpStatusCode.NotFound || e.ErrorMessage.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"couldn't find model \"{model}\" to stop", e);
        }

        return 0;
    }
}
