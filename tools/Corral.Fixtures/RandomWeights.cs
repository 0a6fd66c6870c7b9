namespace Corral.Fixtures;

/// <summary>
/// Deterministic uniform values in [-scale, scale]: element i of a tensor depends only on (seed, tensor name, i),
/// so a fixture is reproducible whatever the chunking. SplitMix64 (https://prng.di.unimi.it/splitmix64.c) is
/// plenty for weights whose values do not matter, only their spread.
/// </summary>
public static class RandomWeights
{
    public static TensorFill Uniform(int seed, string tensorName, float scale)
    {
        var stream = Mix((ulong)seed ^ (ulong)StableHash(tensorName));
        return (destination, first) =>
        {
            for (var i = 0; i < destination.Length; i++)
            {
                var bits = Mix(stream + (ulong)(first + i));
                destination[i] = ((bits >> 40) * (1f / (1 << 24)) * 2f - 1f) * scale;
            }
        };
    }

    public static TensorFill Constant(float value) => (destination, _) => destination.Fill(value);

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    private static long StableHash(string text) =>
        text.Aggregate(1469598103934665603L, (hash, c) => (hash ^ c) * 1099511628211L); // FNV-1a
}
