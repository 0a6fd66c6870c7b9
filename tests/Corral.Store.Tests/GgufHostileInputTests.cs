using Corral.Store.Gguf;

namespace Corral.Store.Tests;

/// <summary>Crafted GGUFs from the security history (CVE-2024-39720, CVE-2025-0315/0317, CVE-2026-7482).</summary>
public sealed class GgufHostileInputTests
{
    private const int F32 = 0;

    [Fact]
    public void WellFormedCraftedFileParses()
    {
        var bytes = new GgufBuilder()
            .String("general.architecture", "llama")
            .UInt32("general.file_type", 1)
            .Tensor("a", [8, 2], F32, 0)
            .Tensor("b", [4], F32, 64)
            .Build(dataBytes: 96);

        var gguf = Parse(bytes);
        Assert.Equal("llama", gguf.Architecture);
        Assert.Equal("F16", gguf.FileTypeName);
        Assert.Equal(20UL, gguf.ParameterCount);
        Assert.Equal(["a", "b"], gguf.Tensors.Select(t => t.Name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(23)]
    public void HeaderOnlyAndTruncatedHeadersAreErrors(int length)
    {
        var bytes = new GgufBuilder().Build(0)[..Math.Min(length, 24)];
        AssertRejectedCheaply(bytes);
    }

    [Fact]
    public void HugeCountsAreRejectedBeforeAllocating()
    {
        AssertRejectedCheaply(new GgufBuilder { KvCountOverride = ulong.MaxValue }.Build(0));
        AssertRejectedCheaply(new GgufBuilder { TensorCountOverride = 1UL << 40 }.Build(0));
    }

    [Fact]
    public void HugeStringLengthIsRejected()
    {
        AssertRejectedCheaply(new GgufBuilder().Raw("k", 8, BitConverter.GetBytes(ulong.MaxValue / 2)).Build(0));
        AssertRejectedCheaply(new GgufBuilder().Raw("k", 8, BitConverter.GetBytes(1UL << 31)).Build(0));
    }

    [Fact]
    public void HugeArrayCountIsRejected()
    {
        var array = BitConverter.GetBytes(4u).Concat(BitConverter.GetBytes(1UL << 60)).ToArray();
        AssertRejectedCheaply(new GgufBuilder().Raw("k", 9, array).Build(0));
    }

    [Fact]
    public void ArrayCountsThatFitAHugeFileAreStillCapped()
    {
        // A 64 MiB file (zeros after the header) claiming a 2^25-element byte array: the count fits the file,
        // but an object[] of that length would be ~256 MiB, so it is refused before allocating.
        var array = BitConverter.GetBytes(0u).Concat(BitConverter.GetBytes(1UL << 25)).ToArray();
        var header = new GgufBuilder().Raw("k", 9, array).Build(0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => GgufReader.Read(new ZeroTailStream(header, 64L << 20), 64L << 20));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void DeeplyNestedArraysAreRejected()
    {
        var nested = Enumerable.Range(0, 64).SelectMany(_ => BitConverter.GetBytes(9u).Concat(BitConverter.GetBytes(1UL))).ToArray();
        AssertRejectedCheaply(new GgufBuilder().Raw("k", 9, nested).Build(1024));
    }

    [Fact]
    public void UnknownValueTypeIsRejected()
    {
        AssertRejectedCheaply(new GgufBuilder().Raw("k", 99, new byte[16]).Build(0));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(3u)]
    public void BadAlignmentIsRejected(uint alignment)
    {
        AssertRejectedCheaply(new GgufBuilder().UInt32("general.alignment", alignment).Tensor("a", [4], F32, 0).Build(64));
    }

    [Fact]
    public void TensorExtentBeyondFileIsRejected()
    {
        AssertRejectedCheaply(new GgufBuilder().Tensor("a", [1024], F32, 0).Build(dataBytes: 64));
        AssertRejectedCheaply(new GgufBuilder().Tensor("a", [4], F32, 1UL << 40).Build(dataBytes: 64));
    }

    [Fact]
    public void TensorOffsetOverflowIsRejected()
    {
        AssertRejectedCheaply(new GgufBuilder().Tensor("a", [8], F32, ulong.MaxValue - 31).Build(dataBytes: 64));
        AssertRejectedCheaply(new GgufBuilder().Tensor("a", [1UL << 62, 1UL << 62], F32, 0).Build(dataBytes: 64));
    }

    [Fact]
    public void OverlappingAndMisalignedTensorsAreRejected()
    {
        AssertRejectedCheaply(new GgufBuilder().Tensor("a", [16], F32, 0).Tensor("b", [16], F32, 32).Build(dataBytes: 128));
        AssertRejectedCheaply(new GgufBuilder().Tensor("a", [4], F32, 4).Build(dataBytes: 64));
    }

    [Fact]
    public void BadDimensionCountAndTypeAreRejected()
    {
        AssertRejectedCheaply(new GgufBuilder().Tensor("a", [1, 1, 1, 1, 1], F32, 0).Build(dataBytes: 64));
        AssertRejectedCheaply(new GgufBuilder().Tensor("a", [4], 1000, 0).Build(dataBytes: 64));
    }

    private static GgufFile Parse(byte[] bytes) => GgufReader.Read(new MemoryStream(bytes), bytes.Length);

    private static void AssertRejectedCheaply(byte[] bytes)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => Parse(bytes));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "allocated more than 1 MiB for a tiny file");
    }
}
