using Corral.Store.Gguf;

namespace Corral.Store.Tests;

/// <summary>
/// Mutated and truncated copies of both fixtures: each must parse to a self-consistent result or fail with
/// <see cref="InvalidDataException"/>; nothing else may escape, and allocation stays proportional to the file.
/// </summary>
public sealed class GgufFuzzTests
{
    private const int Seed = 20261122;

    // The F16 fixture's 128k-token vocabulary makes each parse ~50x slower, so it gets fewer cases; the small
    // fixture alone yields more than 200 files.
    public static TheoryData<string, int> Fixtures => new() { { "llama-2-tiny-random.gguf", 1 }, { "rand-tiny-f16.gguf", 8 } };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TruncationsAtManyPoints(string fixture, int divisor)
    {
        var (original, length) = Load(fixture);
        var metadataEnd = original.Length;
        var rng = new Random(Seed);
        var cuts = Enumerable.Range(0, 64 / divisor).Select(i => (long)i * divisor)
            .Concat(Enumerable.Range(0, 40 / divisor).Select(_ => (long)rng.Next(metadataEnd)))
            .Concat(Enumerable.Range(0, 10 / divisor).Select(_ => rng.NextInt64(metadataEnd, length)))
            .Append(length - 1);
        var outcomes = cuts.Select(cut => Check(original[..(int)Math.Min(cut, metadataEnd)], cut)).ToList();

        Assert.Equal(64 / divisor + 40 / divisor + 10 / divisor + 1, outcomes.Count);
        // Cuts inside the metadata must be rejected; cuts in tensor data must be rejected for the missing extent.
        Assert.All(outcomes, o => Assert.Equal(Outcome.Rejected, o));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void RandomByteFlipsInMetadata(string fixture, int divisor)
    {
        var (original, length) = Load(fixture);
        var metadataEnd = original.Length;
        var rng = new Random(Seed);
        var outcomes = new List<Outcome>();
        for (var i = 0; i < 80 / divisor; i++)
        {
            var mutated = (byte[])original.Clone();
            for (var flips = rng.Next(1, 6); flips > 0; flips--)
            {
                // Bias towards the header and early metadata, where counts and lengths live.
                var at = rng.Next(2) == 0 ? rng.Next(Math.Min(4096, metadataEnd)) : rng.Next(metadataEnd);
                mutated[at] = (byte)rng.Next(256);
            }

            outcomes.Add(Check(mutated, length));
        }

        Assert.Equal(80 / divisor, outcomes.Count);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void AbsurdCountsLengthsAndOffsets(string fixture, int divisor)
    {
        var (original, length) = Load(fixture);
        var metadataEnd = original.Length;
        var rng = new Random(Seed);
        ulong[] absurd = [ulong.MaxValue, ulong.MaxValue / 2, 1UL << 32, 1UL << 40, (ulong)length, (ulong)length + 1, 0];
        var outcomes = new List<Outcome>();

        // Header counts: tensor count at 8, kv count at 16.
        foreach (var offset in new[] { 8, 16 })
        {
            foreach (var value in absurd)
            {
                outcomes.Add(Check(WithUInt64(original, offset, value), length));
            }
        }

        // Any 8-byte window in the metadata may be a length, count or tensor offset.
        for (var i = 0; i < 30 / divisor; i++)
        {
            outcomes.Add(Check(WithUInt64(original, rng.Next(24, metadataEnd - 8), absurd[rng.Next(absurd.Length)]), length));
        }

        Assert.Equal(14 + 30 / divisor, outcomes.Count);
        Assert.Contains(Outcome.Rejected, outcomes);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (byte[] Metadata, long Length)> Loaded = new();

    // The fixture's metadata bytes (everything before tensor data) and its full length, read once per fixture.
    private static (byte[] Metadata, long Length) Load(string fixture) => Loaded.GetOrAdd(fixture, ReadMetadata);

    private static (byte[] Metadata, long Length) ReadMetadata(string fixture)
    {
        var path = Path.Combine(TestPaths.Models, fixture);
        var metadataEnd = (int)GgufReader.Read(path).DataOffset;
        using var file = File.OpenRead(path);
        var metadata = new byte[metadataEnd];
        file.ReadExactly(metadata);
        return (metadata, file.Length);
    }

    private static byte[] WithUInt64(byte[] original, int offset, ulong value)
    {
        var copy = (byte[])original.Clone();
        BitConverter.TryWriteBytes(copy.AsSpan(offset), value);
        return copy;
    }

    // The file is the (possibly mutated) metadata followed by zeros up to length.
    private static Outcome Check(byte[] metadata, long length)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        Outcome outcome;
        try
        {
            var gguf = GgufReader.Read(new ZeroTailStream(metadata, length), length);
            Assert.All(gguf.Tensors, t => Assert.True(gguf.DataOffset + t.Offset + t.Size <= (ulong)length));
            outcome = Outcome.Parsed;
        }
        catch (InvalidDataException)
        {
            outcome = Outcome.Rejected;
        }

        // Boxed metadata values cost a small multiple of their encoded size; a huge count would cost far more.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 32L * length + (16 << 20), $"allocated {allocated} bytes for a {length} byte file");
        return outcome;
    }

    private enum Outcome
    {
        Parsed,
        Rejected,
    }
}
