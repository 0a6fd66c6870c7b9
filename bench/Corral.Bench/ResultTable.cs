using System.Globalization;

namespace Corral.Bench;

/// <summary>Prints every build's numbers and Corral's ratio to each llama-bench build and to the best of the
/// <paramref name="llamaBench"/> builds (the targets); <paramref name="reference"/> is a row for reading only.</summary>
public static class ResultTable
{
    public static void Print(TextWriter output, BenchSettings settings, Throughput corral, IReadOnlyList<Throughput> llamaBench,
        Throughput reference)
    {
        output.WriteLine(Invariant($"model {Path.GetFileName(settings.ModelPath)}, prompt {settings.PromptTokens} tokens, decode {settings.GenerateTokens} tokens, {settings.Threads} threads, {settings.Repetitions} repetitions"));
        output.WriteLine();
        output.WriteLine("| build | prefill tok/s, median (range) | decode tok/s, median (range) | Corral prefill ratio | Corral decode ratio |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var build in llamaBench.Append(reference))
        {
            output.WriteLine(Invariant($"| {build.Build} | {Cell(build.Prefill, build.PrefillSamples)} | {Cell(build.Decode, build.DecodeSamples)} | {corral.Prefill / build.Prefill:F3} | {corral.Decode / build.Decode:F3} |"));
        }

        output.WriteLine(Invariant($"| **{corral.Build}** | {Cell(corral.Prefill, corral.PrefillSamples)} | {Cell(corral.Decode, corral.DecodeSamples)} | | |"));
        var bestPrefill = llamaBench.Max(b => b.Prefill);
        var bestDecode = llamaBench.Max(b => b.Decode);
        output.WriteLine();
        output.WriteLine(Invariant($"Corral vs best llama.cpp build: prefill ratio {corral.Prefill / bestPrefill:F3} (target >= 0.97), decode ratio {corral.Decode / bestDecode:F3} (target >= 1.0)"));
    }

    /// <summary>The median and the range of the samples around it.</summary>
    private static string Cell(double median, IReadOnlyList<double> samples) =>
        Invariant($"{median:F2} ({samples.Min():F2}-{samples.Max():F2})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
