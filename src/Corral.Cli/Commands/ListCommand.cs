using Corral.Cli.CommandLine;
using Corral.Cli.Formatting;

namespace Corral.Cli.Commands;

/// <summary><c>corral list [prefix]</c>: Ollama's <c>listHandler</c> table (NAME, ID, SIZE, MODIFIED).</summary>
public static class ListCommand
{
    public static CommandSpec Spec { get; } = new("list", "List models", "list", [], ArgCount.AtMost(1), RunAsync)
    {
        Aliases = ["ls"],
    };

    public static async Task<string> RenderAsync(CliContext context, string? prefix, CancellationToken ct)
    {
        var models = await context.Client.ListAsync(ct).ConfigureAwait(false);
        var now = context.Time.GetUtcNow();
        var rows = models.Models
            .Where(m => prefix is null || m.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(m => (IReadOnlyList<string>)
            [
                m.Name,
                m.Digest[..Math.Min(12, m.Digest.Length)],
                m.RemoteModel is null ? HumanBytes.Format(m.Size) : "-",
                HumanTime.Format(m.ModifiedAt, now, "Never"),
            ])
            .ToList();
        return TextTable.Render(["NAME", "ID", "SIZE", "MODIFIED"], rows);
    }

    private static async Task<int> RunAsync(CliContext context, ParsedArgs args, CancellationToken ct)
    {
        await context.Stdout.WriteAsync(await RenderAsync(context, args.Positional.FirstOrDefault(), ct).ConfigureAwait(false)).ConfigureAwait(false);
        return 0;
    }
}
