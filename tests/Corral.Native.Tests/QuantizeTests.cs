namespace Corral.Native.Tests;

public sealed class QuantizeTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("corral-quantize-");

    [Fact]
    public void QuantizesF16FixtureToQ8AndTheResultLoads()
    {
        var input = Path.Combine(RepositoryPaths.Models, "rand-tiny-f16.gguf");
        var output = Path.Combine(_directory.FullName, "q8_0.gguf");

        LlamaQuantizer.Quantize(input, output, fileType: 7, threads: 1);

        Assert.True(new FileInfo(output).Length < new FileInfo(input).Length);
        using var model = SafeLlamaModelHandle.LoadFromFile(output, mapFile: true, null, CancellationToken.None);
        Assert.Equal(128256, LlamaApi.VocabNTokens(LlamaApi.ModelGetVocab(model.DangerousGetHandle())));
    }

    [Fact]
    public void QuantizingAMissingFileFailsWithMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            LlamaQuantizer.Quantize(Path.Combine(_directory.FullName, "absent.gguf"), Path.Combine(_directory.FullName, "out.gguf"), 7));
        Assert.Contains("absent.gguf", error.Message);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
