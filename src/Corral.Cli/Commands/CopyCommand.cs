using Corral.Cli.CommandLine;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Commands;

/// <summary><c>corral cp SOURCE DESTINATION</c>.</summary>
public static class CopyCommand
{
    public static CommandSpec Spec { get; } = new("cp", "Copy a model", "cp SOURCE DESTINATION", [], ArgCount.Exactly(2), RunAsync);

    private static async Task<int> RunAsync(CliContext context, ParsedArgs args, CancellationToken ct)
    {
        var (source, destination) = (args.Positional[0], args.Positional[1]);
        await context.Client.CopyAsync(new CopyRequest { Source = source, Destination = destination }, ct).ConfigureAwait(false);
        await context.Stdout.WriteLineAsync($"copied '{source}' to '{destination}'").ConfigureAwait(false);
        return 0;
    }
}
