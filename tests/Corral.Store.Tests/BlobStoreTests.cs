using System.Security.Cryptography;
using System.Text;
using Corral.Store.Blobs;

namespace Corral.Store.Tests;

public sealed class BlobStoreTests : IDisposable
{
    private readonly TempStore _temp = new();

    private BlobStore Blobs => _temp.Store.Blobs;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WritesUnderDigestAndReportsCreatedThenExisting()
    {
        var bytes = Encoding.UTF8.GetBytes("hello blob");
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

        Assert.True(await Blobs.WriteAsync(digest, new MemoryStream(bytes)));
        Assert.False(await Blobs.WriteAsync(digest, new ThrowingStream()));

        var parsed = Digest.Parse(digest);
        Assert.Equal(bytes.Length, Blobs.GetSize(parsed));
        Assert.Equal(Path.Combine(_temp.Root, "blobs", "sha256-" + parsed.Hex), Blobs.GetPath(parsed));
        Assert.Equal(bytes, File.ReadAllBytes(Blobs.GetPath(parsed)));
        Assert.Single(Directory.GetFiles(Path.Combine(_temp.Root, "blobs")));
    }

    [Fact]
    public async Task AcceptsDashFormAndUppercaseHex()
    {
        var bytes = "x"u8.ToArray();
        var hex = Convert.ToHexString(SHA256.HashData(bytes));
        Assert.True(await Blobs.WriteAsync("sha256-" + hex, new MemoryStream(bytes)));
        Assert.True(Blobs.Exists(Digest.Parse("sha256:" + hex.ToLowerInvariant())));
    }

    [Fact]
    public async Task MismatchIsRejectedWithOllamaMessageAndLeavesNothing()
    {
        var wrong = "sha256:" + new string('a', 64);
        var e = await Assert.ThrowsAsync<StoreException>(() => Blobs.WriteAsync(wrong, new MemoryStream("data"u8.ToArray())));

        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData("data"u8));
        Assert.Equal(400, e.Status);
        Assert.Equal($"digest mismatch, expected \"{wrong}\", got \"{actual}\"", e.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(_temp.Root, "blobs")));
    }

    [Theory]
    [InlineData("sha256:../../etc/passwd")]
    [InlineData("sha256:../../../../../../../../../../../../../../../../../../../../../../../../x")]
    [InlineData("sha256:abc")]
    [InlineData("md5:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [InlineData("")]
    public async Task InvalidDigestIsRejectedBeforeAnyFileSystemAccess(string digest)
    {
        var e = await Assert.ThrowsAsync<StoreException>(() => Blobs.WriteAsync(digest, new ThrowingStream()));
        Assert.Equal(400, e.Status);
        Assert.Equal("invalid digest format", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_temp.Root, "blobs")));
    }

    [Fact]
    public async Task FailedUploadLeavesNoFile()
    {
        var digest = "sha256:" + new string('b', 64);
        await Assert.ThrowsAsync<IOException>(() => Blobs.WriteAsync(digest, new ThrowingStream()));
        Assert.Empty(Directory.GetFiles(Path.Combine(_temp.Root, "blobs")));
    }

    [Fact]
    public async Task AddFileComputesDigest()
    {
        var info = await Blobs.AddFileAsync(TestPaths.TinyLlama2);
        await using var file = File.OpenRead(TestPaths.TinyLlama2);
        Assert.Equal(Convert.ToHexStringLower(await SHA256.HashDataAsync(file)), info.Digest.Hex);
        Assert.Equal(new FileInfo(TestPaths.TinyLlama2).Length, info.Size);
        Assert.True(Blobs.Exists(info.Digest));
    }

    [Fact]
    public async Task OpenMissingIsNotFound()
    {
        var info = await Blobs.AddBytesAsync("a"u8.ToArray());
        Blobs.OpenRead(info.Digest).Dispose();
        var e = Assert.Throws<StoreException>(() => Blobs.OpenRead(Digest.Parse("sha256:" + new string('c', 64))));
        Assert.Equal(404, e.Status);
    }

    [Fact]
    public async Task CollectKeepsReferencedAndPinnedAndDeletesStale()
    {
        var kept = await Blobs.AddBytesAsync("kept"u8.ToArray());
        var pinned = await Blobs.AddBytesAsync("pinned"u8.ToArray());
        var orphan = await Blobs.AddBytesAsync("orphan"u8.ToArray());
        var stalePartial = Path.Combine(_temp.Root, "blobs", "sha256-" + new string('d', 64) + "-partial");
        await File.WriteAllTextAsync(stalePartial, "half");

        using (Blobs.Pin([pinned.Digest]))
        {
            var deleted = Blobs.Collect(() => new HashSet<string> { kept.Digest.Hex }, DateTime.MaxValue, candidates: null);
            Assert.Equal(2, deleted);
        }

        Assert.True(Blobs.Exists(kept.Digest));
        Assert.True(Blobs.Exists(pinned.Digest));
        Assert.False(Blobs.Exists(orphan.Digest));
        Assert.False(File.Exists(stalePartial));
    }

    [Fact]
    public async Task DeleteSkipsPinnedBlobs()
    {
        var blob = await Blobs.AddBytesAsync("d"u8.ToArray());
        using (Blobs.Pin([blob.Digest]))
        {
            Assert.False(Blobs.Delete(blob.Digest));
        }

        Assert.True(Blobs.Delete(blob.Digest));
        Assert.False(Blobs.Exists(blob.Digest));
        Assert.False(Blobs.Delete(blob.Digest));
    }

    [Fact]
    public async Task CollectRespectsGracePeriod()
    {
        var fresh = await Blobs.AddBytesAsync("fresh"u8.ToArray());
        Assert.Equal(0, Blobs.Collect(() => new HashSet<string>(), DateTime.UtcNow.AddHours(-1), candidates: null));
        Assert.True(Blobs.Exists(fresh.Digest));
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("connection reset");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new IOException("connection reset");
    }
}
