using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>
/// Owns a sampler chain (<c>llama_sampler_chain_init</c>); samplers added with the <c>Add*</c> methods are owned
/// by the chain and freed with it.
/// </summary>
public sealed class SafeLlamaSamplerHandle : SafeHandle
{
    private SafeLlamaSamplerHandle() : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public static SafeLlamaSamplerHandle CreateChain()
    {
        var chain = new SafeLlamaSamplerHandle();
        var parameters = LlamaApi.SamplerChainDefaultParams();
        parameters.NoPerf = 1;
        chain.SetHandle(LlamaApi.SamplerChainInit(parameters));
        return chain.IsInvalid ? throw new InvalidOperationException("llama_sampler_chain_init failed") : chain;
    }

    public void AddGreedy() => Add(LlamaApi.SamplerInitGreedy(), "greedy");

    public void AddDistribution(uint seed) => Add(LlamaApi.SamplerInitDist(seed), "dist");

    public void AddTopK(int k) => Add(LlamaApi.SamplerInitTopK(k), "top_k");

    public void AddTopP(float p) => Add(LlamaApi.SamplerInitTopP(p, 1), "top_p");

    public void AddMinP(float p) => Add(LlamaApi.SamplerInitMinP(p, 1), "min_p");

    public void AddTypical(float p) => Add(LlamaApi.SamplerInitTypical(p, 1), "typical");

    public void AddTemperature(float temperature) => Add(LlamaApi.SamplerInitTemp(temperature), "temp");

    public void AddPenalties(int vocabSize, int lastN, float repeat, float frequency, float presence) =>
        Add(LlamaApi.SamplerInitPenalties(vocabSize, lastN, repeat, frequency, presence), "penalties");

    /// <summary>Adds a GBNF grammar sampler; throws with llama.cpp's reason when the grammar cannot be built for
    /// this vocabulary (llama_sampler_init_grammar returns NULL).</summary>
    public void AddGrammar(nint vocab, string grammar, string root = "root")
    {
        LlamaBackend.TakeLoggedErrors();
        var sampler = LlamaApi.SamplerInitGrammar(vocab, grammar, root);
        if (sampler == 0)
        {
            throw new InvalidOperationException(
                $"failed to initialize grammar: {LlamaBackend.TakeLoggedErrors() ?? "the grammar is invalid or unsupported by this model's vocabulary"}");
        }

        LlamaApi.SamplerChainAdd(handle, sampler);
    }

    private void Add(nint sampler, string name)
    {
        if (sampler == 0)
        {
            throw new InvalidOperationException($"llama_sampler_init_{name} failed");
        }

        LlamaApi.SamplerChainAdd(handle, sampler);
    }

    protected override bool ReleaseHandle()
    {
        LlamaApi.SamplerFree(handle);
        return true;
    }
}
