using Corral.Contracts.Runner;
using Corral.Native;

namespace Corral.Engine;

/// <summary>
/// Builds one llama.cpp sampler chain per request from Ollama's options, in the order llama.cpp's common sampler
/// (and so Ollama's llamarunner) uses: grammar, penalties, top_k, typical_p, top_p, min_p, temperature, dist.
/// Temperature &lt;= 0 means greedy. Seed -1 becomes LLAMA_DEFAULT_SEED (0xFFFFFFFF), which llama.cpp
/// replaces with a random seed.
/// </summary>
public static class SamplerFactory
{
    public static SafeLlamaSamplerHandle Create(SamplingParams sampling, string? grammar, Vocabulary vocabulary, int contextLength)
    {
        var chain = SafeLlamaSamplerHandle.CreateChain();
        try
        {
            if (!string.IsNullOrEmpty(grammar))
            {
                chain.AddGrammar(vocabulary.Handle, grammar);
            }

            var lastN = sampling.RepeatLastN < 0 ? contextLength : sampling.RepeatLastN;
            if (lastN != 0 && (sampling.RepeatPenalty != 1.0f || sampling.FrequencyPenalty != 0 || sampling.PresencePenalty != 0))
            {
                chain.AddPenalties(vocabulary.Count, lastN, sampling.RepeatPenalty, sampling.FrequencyPenalty, sampling.PresencePenalty);
            }

            if (sampling.Temperature <= 0)
            {
                chain.AddGreedy();
                return chain;
            }

            if (sampling.TopK > 0)
            {
                chain.AddTopK(sampling.TopK);
            }

            if (sampling.TypicalP is > 0 and < 1)
            {
                chain.AddTypical(sampling.TypicalP);
            }

            if (sampling.TopP is > 0 and < 1)
            {
                chain.AddTopP(sampling.TopP);
            }

            if (sampling.MinP > 0)
            {
                chain.AddMinP(sampling.MinP);
            }

            chain.AddTemperature(sampling.Temperature);
            chain.AddDistribution(unchecked((uint)sampling.Seed));
            return chain;
        }
        catch (InvalidOperationException error)
        {
            chain.Dispose();
            throw new EngineRequestException(error.Message);
        }
    }
}
