using System.Globalization;
using Corral.Contracts.Json;

namespace Corral.Cli.Formatting;

/// <summary>
/// The <c>--verbose</c> timings block, as Go's <c>api.Metrics.Summary</c> prints it to stderr
/// (https://github.com/ollama/ollama/blob/main/api/types.go): aligned labels, Go durations, rates with 2 decimals.
/// </summary>
public static class MetricsWriter
{
    public static string Format(long totalNs, long loadNs, int promptCount, long promptNs, int evalCount, long evalNs)
    {
        var lines = new List<string>();
        if (totalNs > 0)
        {
            lines.Add("total duration:       " + GoDuration.Format(totalNs));
        }

        if (loadNs > 0)
        {
            lines.Add("load duration:        " + GoDuration.Format(loadNs));
        }

        if (promptCount > 0)
        {
            lines.Add(Invariant($"prompt eval count:    {promptCount} token(s)"));
        }

        if (promptNs > 0)
        {
            lines.Add("prompt eval duration: " + GoDuration.Format(promptNs));
            lines.Add(Invariant($"prompt eval rate:     {promptCount / (promptNs / 1e9):0.00} tokens/s"));
        }

        if (evalCount > 0)
        {
            lines.Add(Invariant($"eval count:           {evalCount} token(s)"));
        }

        if (evalNs > 0)
        {
            lines.Add("eval duration:        " + GoDuration.Format(evalNs));
            lines.Add(Invariant($"eval rate:            {evalCount / (evalNs / 1e9):0.00} tokens/s"));
        }

        return string.Concat(lines.Select(l => l + "\n"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
