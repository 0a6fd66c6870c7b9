using Corral.Cli.CommandLine;
using Corral.Cli.Progress;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Commands;

/// <summary><c>corral push MODEL</c>: progress as for pull, each bar labelled with its status (Ollama's <c>PushHandler</c>).</summary>
public static class PushCommand
{
    public static CommandSpec Spec { get; } = new("push", "Push a model to a registry", "push MODEL",
        [new FlagSpec("insecure", "Use an insecure registry")], ArgCount.Exactly(1), RunAsync);

    private static async Task<int> RunAsync(CliContext context, ParsedArgs args, CancellationToken ct)
    {
        await using (var display = context.NewProgress())
        {
            await TransferProgress.ShowAsync(
                context.Client.PushAsync(new PushRequest { Model = args.Positional[0], Insecure = args.Has("insecure") }, ct),
                display, update => update.Status, ct).ConfigureAwait(false);
        }

        return 0;
    }
}
