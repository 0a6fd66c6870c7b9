using Corral.Store.Gguf;

namespace Corral.IntegrationTests.Faults;

/// <summary>
/// Seeded malformed copies of a fixture GGUF written to files (the ideas of Corral.Store.Tests' GgufFuzzTests):
/// truncations, byte flips in the header and metadata, absurd counts/lengths/offsets, flips in tensor data.
/// </summary>
public sealed class GgufMutations(string fixture, string directory, Random random)
{
    private readonly byte[] _original = File.ReadAllBytes(fixture);
    private readonly int _metadataEnd = (int)GgufReader.Read(fixture).DataOffset;
    private int _count;

    private static readonly ulong[] Absurd = [ulong.MaxValue, ulong.MaxValue / 2, 1UL << 32, 1UL << 40, 0, 1, 7];

    /// <summary>Writes one mutated file and says how it was made.</summary>
    public (string Path, string Description) Next()
    {
        var bytes = (byte[])_original.Clone();
        string description;
        switch (random.Next(6))
        {
            case 0:
                var cut = random.Next(4) == 0 ? random.Next(_metadataEnd, bytes.Length) : random.Next(Math.Min(_metadataEnd, 64 + random.Next(_metadataEnd)));
                bytes = bytes[..cut];
                description = $"truncated at {cut}";
                break;
            case 1:
            case 2:
                var flips = new List<int>();
                for (var n = random.Next(1, 6); n > 0; n--)
                {
                    // Biased to the header and early metadata, where counts and lengths live.
                    var at = random.Next(2) == 0 ? random.Next(Math.Min(4096, _metadataEnd)) : random.Next(_metadataEnd);
                    bytes[at] = (byte)random.Next(256);
                    flips.Add(at);
                }
                description = $"metadata bytes changed at {string.Join(',', flips)}";
                break;
            case 3:
                var offset = random.Next(3) == 0 ? 8 + 8 * random.Next(2) : random.Next(24, _metadataEnd - 8);
                var value = Absurd[random.Next(Absurd.Length)];
                BitConverter.TryWriteBytes(bytes.AsSpan(offset), value);
                description = $"uint64 {value} at {offset}";
                break;
            case 4:
                var tensor = random.Next(_metadataEnd, bytes.Length - 16);
                random.NextBytes(bytes.AsSpan(tensor, 16));
                description = $"tensor data changed at {tensor}";
                break;
            default:
                bytes = random.Next(3) switch { 0 => [], 1 => bytes[..24], _ => bytes[..4] };
                description = $"only the first {bytes.Length} bytes";
                break;
        }
        var path = Path.Combine(directory, $"mutated-{++_count}.gguf");
        File.WriteAllBytes(path, bytes);
        return (path, description);
    }
}
