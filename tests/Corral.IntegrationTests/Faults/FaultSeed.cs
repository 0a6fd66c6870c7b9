namespace Corral.IntegrationTests.Faults;

/// <summary>
/// The seed of a randomized fault test: fixed by default so CI is reproducible, overridable with
/// <c>CORRAL_FAULT_SEED</c> to replay a failure or to explore new cases.
/// </summary>
public static class FaultSeed
{
    public static int Get(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("CORRAL_FAULT_SEED"), out var seed) ? seed : fallback;

    /// <summary>How a failure names its case so it can be replayed.</summary>
    public static string Replay(int seed, int index) => $"replay with CORRAL_FAULT_SEED={seed} (case {index})";
}
