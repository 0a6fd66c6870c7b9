namespace Corral.Bench;

/// <summary>
/// One build's single-stream speed, tokens/s: the median over the repetitions and every sample. The median,
/// not the mean, because this shared machine has bursts where one round of any build runs 10-20% slow; a
/// single such round moved a three-round mean by several percent and decided which build looked faster.
/// </summary>
public sealed record Throughput(string Build, double Prefill, double Decode, IReadOnlyList<double> PrefillSamples, IReadOnlyList<double> DecodeSamples)
{
    public static Throughput FromSamples(string build, IReadOnlyList<double> prefill, IReadOnlyList<double> decode) =>
        new(build, Median(prefill), Median(decode), prefill, decode);

    private static double Median(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
