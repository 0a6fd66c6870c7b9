using System.Text.Json;
using Corral.Contracts.Ollama;
using Corral.Contracts.Runner;
using Corral.Server.Hosting;
using Corral.Server.Http;
using Corral.Server.Models;

namespace Corral.Server.Endpoints;

/// <summary>The checks and option merging generate, chat and embed share (reference sections 1.2, 1.3, 2).</summary>
internal static class InferenceSetup
{
    /// <summary>
    /// Model defaults, then Modelfile PARAMETERs, then the request's options. A type error in the request's options
    /// is bad input, so 400 where Ollama answers 500; one in the model's parameters stays a 500 (the store's fault).
    /// </summary>
    public static (Options? Options, ApiError? Error) MergeOptions(ServerConfig config, CatalogModel model,
        IReadOnlyDictionary<string, JsonElement>? requestOptions)
    {
        var defaults = new Options { NumCtx = config.EffectiveContextLength };
        if (!defaults.TryApply(model.Parameters, out var withModel, out var error))
        {
            return (null, new ApiError(500, error!));
        }
        if (!withModel.TryApply(requestOptions, out var merged, out error))
        {
            return (null, new ApiError(400, error!));
        }
        return (merged, null);
    }

    /// <summary>Thinking defaults to on for thinking models; asking a non-thinking model to think is a 400.</summary>
    public static (bool Think, ApiError? Error) ResolveThink(CatalogModel model, ThinkValue? requested, string name)
    {
        var canThink = model.Has("thinking");
        if (requested is null)
        {
            return (canThink, null);
        }
        if (requested.Value.Enabled && !canThink)
        {
            return (false, ApiErrors.DoesNotSupport(name, "thinking"));
        }
        return (requested.Value.Enabled, null);
    }

    /// <summary>The think value templates see: the request's own, or <c>true</c> when a thinking model defaulted to it.</summary>
    public static ThinkValue? TemplateThink(ThinkValue? requested, bool think) => requested ?? (think ? ThinkValue.FromBool(true) : null);

    /// <summary><c>"json"</c> or a schema object become a grammar; <c>null</c> and <c>""</c> mean no format.</summary>
    public static (string? Grammar, ApiError? Error) ResolveGrammar(IGrammarFactory grammars, JsonElement? format)
    {
        if (format is not { } value || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && value.GetString() is ""))
        {
            return (null, null);
        }
        if ((value.ValueKind == JsonValueKind.String && value.GetString() == "json") || value.ValueKind == JsonValueKind.Object)
        {
            return grammars.Create(value);
        }
        return (null, ApiErrors.InvalidFormat(value.GetRawText()));
    }

    public static CompletionRequest ToCompletion(Options options, string prompt, string? grammar, bool logprobs, int topLogprobs,
        bool? truncate, bool? shift, bool returnContext) => new()
        {
            Prompt = prompt,
            Sampling = new SamplingParams
            {
                Temperature = options.Temperature,
                TopK = options.TopK,
                TopP = options.TopP,
                MinP = options.MinP,
                TypicalP = options.TypicalP,
                RepeatLastN = options.RepeatLastN,
                RepeatPenalty = options.RepeatPenalty,
                PresencePenalty = options.PresencePenalty,
                FrequencyPenalty = options.FrequencyPenalty,
                Seed = options.Seed,
            },
            NumPredict = options.NumPredict,
            NumCtx = options.NumCtx,
            NumKeep = options.NumKeep,
            Shift = shift ?? true,
            Truncate = truncate ?? true,
            Stop = options.Stop,
            Grammar = grammar,
            Logprobs = logprobs || topLogprobs > 0,
            TopLogprobs = topLogprobs,
            ReturnContext = returnContext,
        };

    public static IReadOnlyList<Logprob>? ToLogprobs(IReadOnlyList<TokenLogprob>? logprobs) =>
        logprobs?.Select(logprob => new Logprob
        {
            Token = logprob.Token,
            LogProbability = logprob.Logprob,
            Bytes = logprob.Bytes.Count > 0 ? logprob.Bytes.Select(b => (int)b).ToList() : null,
            TopLogprobs = logprob.TopLogprobs?.Select(top => new TopLogprob
            {
                Token = top.Token,
                LogProbability = top.Logprob,
                Bytes = top.Bytes.Count > 0 ? top.Bytes.Select(b => (int)b).ToList() : null,
            }).ToList(),
        }).ToList();
}
