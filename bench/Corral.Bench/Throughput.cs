namespace Corral.Bench;

/// <summary>One build's single-stream speed: mean and standard deviation over the repetitions, tokens/s.</summary>
public sealed record Throughput(string Build, double Prefill, double PrefillStddev, double Decode, double DecodeStddev)
{
    public static Throughput FromSamples(string build, IReadOnlyList<double> prefill, IReadOnlyList<double> decode) =>
        new(build, prefill.Average(), Stddev(prefill), decode.Average(), Stddev(decode));

    private static double Stddev(IReadOnlyList<double> samples)
    {
        if (samples.Count < 2)
        {
            return 0;
        }

        var mean = samples.Average();
        return Math.Sqrt(samples.Sum(s => (s - mean) * (s - mean)) / (samples.Count - 1));
    }
}
