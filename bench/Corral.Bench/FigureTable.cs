using System.Globalization;

namespace Corral.Bench;

/// <summary>The table every run ends with: each figure for Corral and llama.cpp, and the ratio Corral/llama.cpp.</summary>
public static class FigureTable
{
    public static void Print(TextWriter output, BenchSettings settings, IEnumerable<Figure> figures)
    {
        output.WriteLine(Invariant(
            $"model {Path.GetFileName(settings.ModelPath)}, {settings.Threads} threads; (a) prompt {settings.PromptTokens} tokens, decode {settings.GenerateTokens} tokens, {settings.Repetitions} repetitions; (b)-(e) {settings.StreamTokens} tokens per request, -np/OLLAMA_NUM_PARALLEL {settings.Parallel}, context {settings.ContextPerSequence} per sequence, prefix {settings.PrefixTokens} words, history {settings.HistoryTokens} words"));
        output.WriteLine();
        output.WriteLine("| figure | Corral | llama.cpp | Corral/llama.cpp | target |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var figure in figures)
        {
            output.WriteLine(Invariant($"| {figure.Name} | {Number(figure.Corral)} | {Number(figure.LlamaCpp)} | {figure.Ratio:F3} | {figure.Target} |"));
        }
    }

    private static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "F1" : "F3", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
