using Corral.Cli.CommandLine;
using Corral.Cli.Progress;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Commands;

/// <summary><c>corral pull MODEL</c>: a bar per layer on a terminal, plain lines otherwise (Ollama's <c>PullHandler</c>).</summary>
public static class PullCommand
{
    public static CommandSpec Spec { get; } = new("pull", "Pull a model from a registry", "pull MODEL",
        [new FlagSpec("insecure", "Use an insecure registry")], ArgCount.Exactly(1), RunAsync);

    public static async Task PullAsync(CliContext context, string model, bool insecure, CancellationToken ct)
    {
        await using var display = context.NewProgress();
        await TransferProgress.ShowAsync(
            context.Client.PullAsync(new PullRequest { Model = model, Insecure = insecure }, ct),
            display, TransferProgress.PullLabel, ct).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(CliContext context, ParsedArgs args, CancellationToken ct)
    {
        await PullAsync(context, args.Positional[0], args.Has("insecure"), ct).ConfigureAwait(false);
        return 0;
    }
}
