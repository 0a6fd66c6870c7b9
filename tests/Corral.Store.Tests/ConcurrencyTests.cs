using Corral.Store.Create;
using Corral.Store.Names;

namespace Corral.Store.Tests;

/// <summary>Issue 4 acceptance 6: concurrent creates, delete during create, interrupted writes.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ConcurrentCreatesOfTheSameNameLeaveOneConsistentModel()
    {
        var gguf = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyLlama2);
        var create = new CreateService(_temp.Store);
        for (var round = 0; round < 5; round++)
        {
            var systems = Enumerable.Range(0, 4).Select(i => $"system {round}.{i}").ToArray();
            await Task.WhenAll(systems.Select(s => Task.Run(() => StoreFixtureHelpers.CreateAsync(create, new CreateModelRequest
            {
                Model = round % 2 == 0 ? "same" : "SAME",
                Files = new Dictionary<string, string> { ["m.gguf"] = gguf },
                System = s,
            }))));

            var shown = new Show.ShowService(_temp.Store).Show("same");
            Assert.Contains(shown.System, systems);
            AssertConsistent(expectedModels: 1);
        }
    }

    [Fact]
    public async Task DeleteDuringCreateNeverRemovesABlobTheCreateReferences()
    {
        var gguf = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyLlama2);
        var create = new CreateService(_temp.Store);
        for (var round = 0; round < 8; round++)
        {
            await StoreFixtureHelpers.CreateAsync(create, new CreateModelRequest
            {
                Model = "victim", Files = new Dictionary<string, string> { ["m.gguf"] = gguf }, System = "shared",
            });

            var creating = Task.Run(() => StoreFixtureHelpers.CreateAsync(create, new CreateModelRequest
            {
                Model = "newcomer", From = "victim", System = "shared",
            }));
            var deleting = Task.Run(() => _temp.Store.DeleteAsync("victim"));
            await deleting;
            try
            {
                await creating;
            }
            catch (StoreException e) when (e.Status == 404)
            {
                // The delete won the race before the create resolved its base: a clean, expected failure.
            }

            AssertConsistent(expectedModels: null);
            if (_temp.Store.Manifests.Read(ModelName.Parse("newcomer")) is not null)
            {
                Assert.Equal("shared", new Show.ShowService(_temp.Store).Show("newcomer").System);
                await _temp.Store.DeleteAsync("newcomer");
            }

            // Re-upload for the next round if the last reference went away.
            if (!File.Exists(_temp.Store.Blobs.GetPath(Blobs.Digest.Parse(gguf))))
            {
                await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyLlama2);
            }
        }
    }

    [Fact]
    public async Task DeleteOfTheSameNameDuringCreateLeavesAllOrNothing()
    {
        var gguf = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyLlama2);
        var create = new CreateService(_temp.Store);
        for (var round = 0; round < 8; round++)
        {
            var creating = Task.Run(async () =>
            {
                try
                {
                    await StoreFixtureHelpers.CreateAsync(create, new CreateModelRequest
                    {
                        Model = "flaky", Files = new Dictionary<string, string> { ["m.gguf"] = gguf }, System = $"s{round}",
                    });
                }
                catch (StoreException e) when (e.Message == $"blob \"{gguf}\" not found")
                {
                    // The delete removed the previous round's model and its weights before this create pinned them.
                }
            });
            var deleting = Task.Run(async () =>
            {
                try
                {
                    await _temp.Store.DeleteAsync("flaky");
                }
                catch (StoreException e) when (e.Status == 404)
                {
                    // Not created yet: nothing to delete.
                }
            });
            await Task.WhenAll(creating, deleting);
            AssertConsistent(expectedModels: null);
            await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyLlama2);
        }
    }

    [Fact]
    public async Task CancelledUploadLeavesNoFinalOrTemporaryFile()
    {
        using var cts = new CancellationTokenSource();
        var stream = new CancellingStream(cts, bytesBeforeCancel: 3 << 20);
        var digest = "sha256:" + new string('e', 64);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _temp.Store.Blobs.WriteAsync(digest, stream, cts.Token));
        Assert.Empty(Directory.GetFiles(_temp.Paths.Blobs));
    }

    [Fact]
    public async Task StartupPruneRemovesStalePartialsAndOrphansButKeepsFreshAndReferenced()
    {
        var gguf = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyLlama2);
        await StoreFixtureHelpers.CreateAsync(new CreateService(_temp.Store), new CreateModelRequest
        {
            Model = "kept", Files = new Dictionary<string, string> { ["m.gguf"] = gguf },
        });

        // What a process killed mid-write leaves behind: a temp upload, an Ollama-style partial, an orphan blob.
        var old = DateTime.UtcNow.AddHours(-2);
        string[] stale =
        [
            _temp.Paths.NewTempFile(),
            Path.Combine(_temp.Paths.Blobs, "sha256-" + new string('1', 64) + "-partial"),
            (await _temp.Store.Blobs.AddBytesAsync("orphan"u8.ToArray())).Digest is var d ? _temp.Store.Blobs.GetPath(d) : "",
        ];
        foreach (var file in stale)
        {
            if (!File.Exists(file))
            {
                await File.WriteAllTextAsync(file, "half");
            }

            File.SetLastWriteTimeUtc(file, old);
        }

        var fresh = _temp.Paths.NewTempFile();
        await File.WriteAllTextAsync(fresh, "in progress");
        Directory.CreateDirectory(Path.Combine(_temp.Paths.Manifests, "registry.ollama.ai", "library", "empty"));

        var result = _temp.Store.Prune(TimeSpan.FromHours(1));

        Assert.Equal(3, result.DeletedFiles);
        Assert.All(stale, f => Assert.False(File.Exists(f)));
        Assert.True(File.Exists(fresh));
        Assert.False(Directory.Exists(Path.Combine(_temp.Paths.Manifests, "registry.ollama.ai", "library", "empty")));
        Assert.NotNull(new Show.ShowService(_temp.Store).Show("kept"));
    }

    [Fact]
    public async Task StartupPruneRemovesAFreshTempFileAtOnceWhenItsWriterIsDead()
    {
        // A process that has exited stands for a server killed mid-upload: its temp file is fresh but abandoned.
        using var dead = System.Diagnostics.Process.Start("true")!;
        await dead.WaitForExitAsync();
        var abandoned = Path.Combine(_temp.Paths.Blobs, $"tmp-{dead.Id}-{Guid.NewGuid():N}-partial");
        var ours = _temp.Paths.NewTempFile();
        Directory.CreateDirectory(_temp.Paths.Blobs);
        await File.WriteAllTextAsync(abandoned, "half");
        await File.WriteAllTextAsync(ours, "in progress");

        var result = _temp.Store.Prune(TimeSpan.FromHours(1));

        Assert.Equal(1, result.DeletedFiles);
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(ours));
    }

    [Fact]
    public async Task StartupMaintenanceHonoursNoPrune()
    {
        var orphan = await _temp.Store.Blobs.AddBytesAsync("orphan"u8.ToArray());
        File.SetLastWriteTimeUtc(_temp.Store.Blobs.GetPath(orphan.Digest), DateTime.UtcNow.AddHours(-2));

        var kept = new Models.ModelStore(_temp.Paths, noPrune: true).RunStartupMaintenance();
        Assert.Equal(0, kept.DeletedFiles);
        Assert.True(_temp.Store.Blobs.Exists(orphan.Digest));

        var pruned = _temp.Store.RunStartupMaintenance();
        Assert.Equal(1, pruned.DeletedFiles);
        Assert.False(_temp.Store.Blobs.Exists(orphan.Digest));
    }

    [Fact]
    public async Task PruneIsSkippedWhenAManifestIsCorrupt()
    {
        var orphan = await _temp.Store.Blobs.AddBytesAsync("orphan"u8.ToArray());
        File.SetLastWriteTimeUtc(_temp.Store.Blobs.GetPath(orphan.Digest), DateTime.UtcNow.AddHours(-2));
        var corrupt = Path.Combine(_temp.Paths.Manifests, "registry.ollama.ai", "library", "bad", "latest");
        Directory.CreateDirectory(Path.GetDirectoryName(corrupt)!);
        await File.WriteAllTextAsync(corrupt, "{not json");

        var result = _temp.Store.Prune(TimeSpan.FromHours(1));

        Assert.True(result.Skipped);
        Assert.True(_temp.Store.Blobs.Exists(orphan.Digest));
    }

    // Every manifest's blobs exist, nothing but referenced blobs remains, no temp file is left.
    private void AssertConsistent(int? expectedModels)
    {
        var manifests = _temp.Store.Manifests.List(out var corrupt);
        Assert.Equal(0, corrupt);
        if (expectedModels is { } n)
        {
            Assert.Equal(n, manifests.Count);
        }

        var referenced = manifests.SelectMany(m => m.Manifest.BlobDigests()).Select(d => "sha256-" + d.Hex).ToHashSet();
        var onDisk = Directory.GetFiles(_temp.Paths.Blobs).Select(Path.GetFileName).ToHashSet();
        Assert.Equal(referenced, onDisk!);
    }

    private sealed class CancellingStream(CancellationTokenSource cts, long bytesBeforeCancel) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_read >= bytesBeforeCancel)
            {
                cts.Cancel();
                cts.Token.ThrowIfCancellationRequested();
            }

            buffer.AsSpan(offset, count).Fill(7);
            _read += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
