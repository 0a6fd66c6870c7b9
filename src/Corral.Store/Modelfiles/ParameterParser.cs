using System.Globalization;
using System.Text.Json.Nodes;

namespace Corral.Store.Modelfiles;

/// <summary>
/// Types Modelfile <c>PARAMETER</c> values as Ollama's <c>FormatParams</c> does
/// (https://github.com/ollama/ollama/blob/main/api/types.go): ints, float32s, bools and the <c>stop</c> list;
/// unknown names are errors, deprecated names are dropped with a warning.
/// </summary>
public static class ParameterParser
{
    /// <summary>Option names and types (reference §2).</summary>
    public static readonly IReadOnlyDictionary<string, OptionKind> Options = new Dictionary<string, OptionKind>
    {
        ["num_ctx"] = OptionKind.Int, ["num_batch"] = OptionKind.Int, ["num_gpu"] = OptionKind.Int,
        ["main_gpu"] = OptionKind.Int, ["use_mmap"] = OptionKind.Bool, ["num_thread"] = OptionKind.Int,
        ["draft_num_predict"] = OptionKind.Int, ["num_keep"] = OptionKind.Int, ["seed"] = OptionKind.Int,
        ["num_predict"] = OptionKind.Int, ["top_k"] = OptionKind.Int, ["top_p"] = OptionKind.Float,
        ["min_p"] = OptionKind.Float, ["typical_p"] = OptionKind.Float, ["repeat_last_n"] = OptionKind.Int,
        ["temperature"] = OptionKind.Float, ["repeat_penalty"] = OptionKind.Float,
        ["presence_penalty"] = OptionKind.Float, ["frequency_penalty"] = OptionKind.Float,
        ["stop"] = OptionKind.StringList,
    };

    private static readonly HashSet<string> Deprecated =
    [
        "penalize_newline", "low_vram", "f16_kv", "logits_all", "vocab_only", "use_mlock", "mirostat",
        "mirostat_tau", "mirostat_eta",
    ];

    /// <summary>
    /// Types the collected values of each parameter (repeated names accumulate, e.g. several <c>stop</c>).
    /// Errors are 400 with Ollama's strings (<c>unknown parameter 'k'</c>, <c>invalid int value [v]</c>...).
    /// </summary>
    public static JsonObject Format(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> values, ICollection<string>? warnings = null)
    {
        var result = new JsonObject();
        foreach (var (key, raw) in values)
        {
            if (Deprecated.Contains(key))
            {
                warnings?.Add($"warning: parameter {key} is deprecated");
                continue;
            }

            if (!Options.TryGetValue(key, out var kind))
            {
                throw StoreException.BadRequest($"unknown parameter '{key}'");
            }

            var shown = "[" + string.Join(' ', raw) + "]";
            result[key] = kind switch
            {
                OptionKind.Int => long.TryParse(raw[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                    ? JsonValue.Create(i)
                    : throw StoreException.BadRequest($"invalid int value {shown}"),
                OptionKind.Float => float.TryParse(raw[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && float.IsFinite(f)
                    ? JsonValue.Create(f)
                    : throw StoreException.BadRequest($"invalid float value {shown}"),
                OptionKind.Bool => ParseGoBool(raw[0]) is { } b
                    ? JsonValue.Create(b)
                    : throw StoreException.BadRequest($"invalid bool value {shown}"),
                _ => new JsonArray(raw.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            };
        }

        return result;
    }

    // strconv.ParseBool's accepted spellings.
    private static bool? ParseGoBool(string s) => s switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };
}
