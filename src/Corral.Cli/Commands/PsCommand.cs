using System.Globalization;
using Corral.Cli.CommandLine;
using Corral.Cli.Formatting;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Commands;

/// <summary><c>corral ps [prefix]</c>: Ollama's <c>ListRunningHandler</c> table (NAME, ID, SIZE, PROCESSOR, CONTEXT, UNTIL).</summary>
public static class PsCommand
{
    public static CommandSpec Spec { get; } = new("ps", "List running models", "ps", [], ArgCount.AtMost(1), RunAsync);

    private static async Task<int> RunAsync(CliContext context, ParsedArgs args, CancellationToken ct)
    {
        var prefix = args.Positional.FirstOrDefault();
        var running = await context.Client.ListRunningAsync(ct).ConfigureAwait(false);
        var now = context.Time.GetUtcNow();
        var rows = running.Models
            .Where(m => prefix is null || m.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(m => (IReadOnlyList<string>)
            [
                m.Name,
                m.Digest[..Math.Min(12, m.Digest.Length)],
                HumanBytes.Format(m.Size),
                Processor(m),
                m.ContextLength.ToString(CultureInfo.InvariantCulture),
                now > m.ExpiresAt ? "Stopping..." : HumanTime.Format(m.ExpiresAt, now, "Never"),
            ])
            .ToList();
        await context.Stdout.WriteAsync(TextTable.Render(["NAME", "ID", "SIZE", "PROCESSOR", "CONTEXT", "UNTIL"], rows)).ConfigureAwait(false);
        return 0;
    }

    private static string Processor(ProcessModelResponse m)
    {
        if (m.SizeVram == 0)
        {
            return "100% CPU";
        }

        if (m.SizeVram == m.Size)
        {
            return "100% GPU";
        }

        if (m.SizeVram > m.Size || m.Size == 0)
        {
            return "Unknown";
        }

        var cpu = (int)Math.Round(100.0 * (m.Size - m.SizeVram) / m.Size, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{cpu}%/{100 - cpu}% CPU/GPU");
    }
}
