using Corral.Store.Create;

namespace Corral.Store.Tests;

/// <summary>
/// The create side of quantization. Real quantization (llama_model_quantize) is the lead's IQuantizer; these
/// tests cover the error strings and the plumbing (progress, layer replacement, config from the output).
/// </summary>
public sealed class QuantizeTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WithoutAQuantizerItIsAClearError()
    {
        var gguf = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyF16);
        var e = await Assert.ThrowsAsync<StoreException>(() => StoreFixtureHelpers.CreateAsync(new CreateService(_temp.Store),
            new CreateModelRequest { Model = "q", Files = new Dictionary<string, string> { ["m.gguf"] = gguf }, Quantize = "q4_K_M" }));
        Assert.Equal(500, e.Status);
        Assert.Equal("quantization is not available: no quantizer is configured", e.Message);
        Assert.Null(_temp.Store.Manifests.Read(Names.ModelName.Parse("q")));
    }

    [Fact]
    public async Task OnlyFloatModelsCanBeQuantized()
    {
        var quantized = new GgufBuilder()
            .String("general.architecture", "llama")
            .UInt32("general.file_type", 15)
            .Tensor("t", [32], 0, 0)
            .Build(dataBytes: 128);
        var gguf = (await _temp.Store.Blobs.AddBytesAsync(quantized)).Digest.ToString();
        var e = await Assert.ThrowsAsync<StoreException>(() => StoreFixtureHelpers.CreateAsync(new CreateService(_temp.Store, new CopyingQuantizer()),
            new CreateModelRequest { Model = "q", Files = new Dictionary<string, string> { ["m.gguf"] = gguf }, Quantize = "Q8_0" }));
        Assert.Equal("quantization is only supported for F16, BF16 and F32 models", e.Message);
    }

    [Fact]
    public async Task QuantizerOutputReplacesTheModelLayerWithProgress()
    {
        var gguf = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyF16);
        var quantizer = new CopyingQuantizer();
        var progress = await StoreFixtureHelpers.CreateAsync(new CreateService(_temp.Store, quantizer),
            new CreateModelRequest { Model = "q", Files = new Dictionary<string, string> { ["m.gguf"] = gguf }, Quantize = "q4_k_m" });

        Assert.Equal("Q4_K_M", quantizer.RequestedType);
        Assert.Equal(new CreateProgress("quantizing F16 model to Q4_K_M", "0000000000000000000"), progress[1]);
        Assert.Contains(new CreateProgress("quantizing F16 model to Q4_K_M", "0000000000000000000", 2, 1), progress);
        Assert.Contains(progress, p => p.Status == "verifying conversion");
        Assert.Equal("success", progress[^1].Status);
        Assert.DoesNotContain(Directory.GetFiles(_temp.Paths.Blobs), f => f.EndsWith("-partial", StringComparison.Ordinal));
    }

    /// <summary>Writes its input unchanged: exercises the plumbing, not quantization itself.</summary>
    private sealed class CopyingQuantizer : IQuantizer
    {
        public string? RequestedType { get; private set; }

        public async Task QuantizeAsync(string srcPath, string dstPath, string type, IProgress<QuantizeProgress>? progress, CancellationToken ct)
        {
            RequestedType = type;
            progress?.Report(new QuantizeProgress(1, 2));
            await using var src = File.OpenRead(srcPath);
            await using var dst = File.Create(dstPath);
            await src.CopyToAsync(dst, ct);
            progress?.Report(new QuantizeProgress(2, 2));
        }
    }
}
