namespace Corral.Engine.Tests;

/// <summary>Broken GGUF files must fail the load with a message, never crash the process.</summary>
public sealed class MalformedModelTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("corral-bad-gguf-");

    public static TheoryData<string> Cases => ["empty", "magic-only", "header-only", "absurd-tensor-count", "truncated-metadata", "truncated-data", "not-gguf"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedFileFailsWithClearError(string kind)
    {
        var path = Path.Combine(_directory.FullName, kind + ".gguf");
        File.WriteAllBytes(path, Build(kind));

        var error = await Record.ExceptionAsync(() =>
            LlamaModelRunner.LoadAsync(new EngineOptions { ModelPath = path, ContextLength = 64, Parallel = 1 }, null, CancellationToken.None));

        Assert.True(error is InvalidDataException or InvalidOperationException, error?.ToString());
        Assert.Contains(path, error!.Message);
    }

    [Fact]
    public async Task MissingFileFails()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => LlamaModelRunner.LoadAsync(
            new EngineOptions { ModelPath = Path.Combine(_directory.FullName, "absent.gguf") }, null, CancellationToken.None));
    }

    private static byte[] Build(string kind)
    {
        var real = File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, "llama-2-tiny-random.gguf"));
        return kind switch
        {
            "empty" => [],
            "magic-only" => "GGUF"u8.ToArray(),
            "header-only" => Header(tensors: 0, metadata: 0),
            "absurd-tensor-count" => [.. Header(tensors: ulong.MaxValue / 2, metadata: 3), .. new byte[64]],
            "truncated-metadata" => real[..200],
            "truncated-data" => real[..(real.Length * 9 / 10)],
            _ => "this is not a model at all, just some text that is long enough"u8.ToArray(),
        };
    }

    private static byte[] Header(ulong tensors, ulong metadata)
    {
        var header = new byte[24];
        "GGUF"u8.CopyTo(header);
        BitConverter.TryWriteBytes(header.AsSpan(4), 3u);
        BitConverter.TryWriteBytes(header.AsSpan(8), tensors);
        BitConverter.TryWriteBytes(header.AsSpan(16), metadata);
        return header;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
