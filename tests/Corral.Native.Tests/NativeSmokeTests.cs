namespace Corral.Native.Tests;

/// <summary>Loads the real pinned library and a real fixture model.</summary>
public sealed class NativeSmokeTests
{
    private static string Llama2Fixture => Path.Combine(RepositoryPaths.Models, "llama-2-tiny-random.gguf");

    [Fact]
    public void LoadsChosenCpuVariantNeverAmxByDefault()
    {
        LlamaBackend.EnsureInitialized();
        var expected = CpuVariant.ChooseForThisMachine(LlamaBackend.LibraryDirectory);
        Assert.Equal(expected, LlamaBackend.LoadedCpuVariant);
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(CpuVariant.OverrideVariable)))
        {
            // native/fetch.sh compiled the own backend on this very machine, so it is the default choice here.
            Assert.Equal(CpuVariant.OwnBuild, LlamaBackend.LoadedCpuVariant);
        }
        Assert.NotEqual("sapphirerapids", CpuVariant.Choose(CpuVariant.ReadCpuFlags(), null));
    }

    [Fact]
    public unsafe void LoadsFixtureModelTokenizesAndDecodes()
    {
        var progress = new List<float>();
        using var model = SafeLlamaModelHandle.LoadFromFile(Llama2Fixture, mapFile: true, new SynchronousProgress(progress), CancellationToken.None);
        var raw = model.DangerousGetHandle();
        Assert.Equal(32000, LlamaApi.VocabNTokens(LlamaApi.ModelGetVocab(raw)));
        Assert.True(LlamaApi.ModelNEmbd(raw) > 0);
        Assert.Contains(1.0f, progress);
        Assert.Equal("llama", model.GetMetadata("general.architecture"));
        Assert.Null(model.GetMetadata("no.such.key"));

        var parameters = LlamaApi.ContextDefaultParams();
        parameters.NCtx = 64;
        parameters.NBatch = 16;
        parameters.NUbatch = 16;
        parameters.NSeqMax = 1;
        using var context = SafeLlamaContextHandle.Create(model, parameters);
        var vocab = LlamaApi.ModelGetVocab(raw);
        var text = "Hello world"u8;
        var tokens = stackalloc int[16];
        int count;
        fixed (byte* p = text)
        {
            count = LlamaApi.Tokenize(vocab, p, text.Length, tokens, 16, 1, 0);
        }

        Assert.True(count >= 2);
        using var batch = new LlamaBatchBuffer(16);
        for (var i = 0; i < count; i++)
        {
            batch.Add(tokens[i], i, 0, i == count - 1);
        }

        Assert.Equal(0, LlamaApi.Decode(context.DangerousGetHandle(), batch.Batch));
        Assert.True(LlamaApi.GetLogitsIth(context.DangerousGetHandle(), count - 1) != null);
        Assert.Equal(count - 1, LlamaApi.MemorySeqPosMax(LlamaApi.GetMemory(context.DangerousGetHandle()), 0));
    }

    [Fact]
    public void CpuVariantRankingPrefersAvx512OverAmxAndFallsBack()
    {
        string[] zen4 = ["sse4_2", "avx", "f16c", "fma", "avx2", "bmi2", "avx512f", "avx512vbmi", "avx512_vnni", "avx512_bf16"];
        Assert.Equal("zen4", CpuVariant.Choose(new HashSet<string>([.. zen4, "amx_tile", "amx_int8"]), null));
        Assert.Equal("haswell", CpuVariant.Choose(new HashSet<string>(["sse4_2", "avx", "f16c", "fma", "avx2", "bmi2"]), null));
        Assert.Equal("x64", CpuVariant.Choose(new HashSet<string>(), null));
        Assert.Equal("sapphirerapids", CpuVariant.Choose(new HashSet<string>(zen4), " sapphirerapids "));
    }

    [Fact]
    public void OwnBuildIsChosenOnlyWhenTheCpuHasEveryFlagItWasCompiledFor()
    {
        string[] haswell = ["sse4_2", "avx", "f16c", "fma", "avx2", "bmi2"];
        Assert.Equal(CpuVariant.OwnBuild, CpuVariant.Choose(new HashSet<string>(haswell), null, haswell));
        Assert.Equal("haswell", CpuVariant.Choose(new HashSet<string>(haswell), null, [.. haswell, "avx512f"]));
        Assert.Equal("haswell", CpuVariant.Choose(new HashSet<string>(haswell), null, null));
        Assert.Equal("zen4", CpuVariant.Choose(new HashSet<string>(haswell), "zen4", haswell));
    }

    [Fact]
    public void MissingModelFileFailsWithMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            SafeLlamaModelHandle.LoadFromFile("/nonexistent/model.gguf", mapFile: true, null, CancellationToken.None));
        Assert.Contains("could not load model", error.Message);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test needs the values recorded synchronously.</summary>
    private sealed class SynchronousProgress(List<float> values) : IProgress<float>
    {
        public void Report(float value) => values.Add(value);
    }
}
