using System.Text.Json;

namespace Corral.Contracts.Ollama;

/// <summary>Reads one <c>options</c> entry by its Ollama name; the type rules and messages of Go's <c>Options.FromMap</c>.</summary>
internal static class OptionsMapReader
{
    public static Options Apply(Options options, string key, JsonElement value, out string? error)
    {
        error = null;
        switch (key)
        {
            case "num_ctx": return Int(key, value, ref error, v => options with { NumCtx = v }, options);
            case "num_batch": return Int(key, value, ref error, v => options with { NumBatch = v }, options);
            case "num_gpu": return Int(key, value, ref error, v => options with { NumGpu = v }, options);
            case "main_gpu": return Int(key, value, ref error, v => options with { MainGpu = v }, options);
            case "num_thread": return Int(key, value, ref error, v => options with { NumThread = v }, options);
            case "draft_num_predict": return Int(key, value, ref error, v => options with { DraftNumPredict = v }, options);
            case "num_keep": return Int(key, value, ref error, v => options with { NumKeep = v }, options);
            case "seed": return Int(key, value, ref error, v => options with { Seed = v }, options);
            case "num_predict": return Int(key, value, ref error, v => options with { NumPredict = v }, options);
            case "top_k": return Int(key, value, ref error, v => options with { TopK = v }, options);
            case "repeat_last_n": return Int(key, value, ref error, v => options with { RepeatLastN = v }, options);
            case "top_p": return Float(key, value, ref error, v => options with { TopP = v }, options);
            case "min_p": return Float(key, value, ref error, v => options with { MinP = v }, options);
            case "typical_p": return Float(key, value, ref error, v => options with { TypicalP = v }, options);
            case "temperature": return Float(key, value, ref error, v => options with { Temperature = v }, options);
            case "repeat_penalty": return Float(key, value, ref error, v => options with { RepeatPenalty = v }, options);
            case "presence_penalty": return Float(key, value, ref error, v => options with { PresencePenalty = v }, options);
            case "frequency_penalty": return Float(key, value, ref error, v => options with { FrequencyPenalty = v }, options);
            case "use_mmap":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    error = $"option \"{key}\" must be of type boolean";
                    return options;
                }
                return options with { UseMmap = value.GetBoolean() };
            case "stop":
                return Stop(key, value, ref error, options);
            default:
                // Unknown options are ignored like Ollama's (it only logs a warning).
                return options;
        }
    }

    private static Options Int(string key, JsonElement value, ref string? error, Func<int, Options> set, Options unchanged)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            error = $"option \"{key}\" must be of type integer";
            return unchanged;
        }
        return set(value.TryGetInt32(out var whole) ? whole : (int)Math.Clamp(Math.Truncate(value.GetDouble()), int.MinValue, int.MaxValue));
    }

    private static Options Float(string key, JsonElement value, ref string? error, Func<float, Options> set, Options unchanged)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            error = $"option \"{key}\" must be of type float32";
            return unchanged;
        }
        return set((float)value.GetDouble());
    }

    private static Options Stop(string key, JsonElement value, ref string? error, Options options)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            error = $"option \"{key}\" must be of type array";
            return options;
        }
        var stops = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                error = $"option \"{key}\" must be of an array of strings";
                return options;
            }
            stops.Add(item.GetString()!);
        }
        return options with { Stop = stops };
    }
}
