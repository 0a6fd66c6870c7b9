using System.Runtime.InteropServices;

namespace Corral.Native.Tests;

/// <summary>
/// The blittable structs must match the pinned llama.h and mtmd.h byte for byte: a version bump that moves a field fails
/// here instead of corrupting memory at run time. Field order in the C# structs follows the header, so the
/// i-th C field is compared with the i-th C# field.
/// </summary>
public sealed class AbiLayoutTests
{
    private static readonly Lazy<Dictionary<string, int>> _header = new(HeaderLayoutProbe.Run);

    public static TheoryData<string, Type> Structs => new()
    {
        { "llama_model_params", typeof(LlamaModelParams) },
        { "llama_context_params", typeof(LlamaContextParams) },
        { "llama_batch", typeof(LlamaBatch) },
        { "llama_model_quantize_params", typeof(LlamaModelQuantizeParams) },
        { "llama_sampler_chain_params", typeof(LlamaSamplerChainParams) },
        { "llama_perf_context_data", typeof(LlamaPerfContextData) },
        { "ggml_threadpool_params", typeof(GgmlThreadpoolParams) },
        { "mtmd_context_params", typeof(MtmdContextParams) },
        { "mtmd_input_text", typeof(MtmdInputText) },
    };

    [Theory]
    [MemberData(nameof(Structs))]
    public void StructMatchesPinnedHeader(string cName, Type managed)
    {
        var header = _header.Value;
        Assert.Equal(header[cName], Marshal.SizeOf(managed));

        var cFields = HeaderLayoutProbe.Fields[cName];
        var managedFields = managed.GetFields();
        Assert.Equal(cFields.Length, managedFields.Length);
        for (var i = 0; i < cFields.Length; i++)
        {
            var expected = header[$"{cName}.{cFields[i]}"];
            var actual = (int)Marshal.OffsetOf(managed, managedFields[i].Name);
            Assert.True(expected == actual, $"{cName}.{cFields[i]} is at {expected} in llama.h, {managedFields[i].Name} at {actual}");
        }
    }
}
