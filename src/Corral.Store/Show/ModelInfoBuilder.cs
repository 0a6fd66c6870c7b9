using System.Text.Json.Nodes;
using Corral.Store.Gguf;

namespace Corral.Store.Show;

/// <summary>
/// show's <c>model_info</c>: every GGUF key except <c>general.name</c> and <c>tokenizer.chat_template</c>,
/// plus <c>general.parameter_count</c>, keys sorted; arrays longer than 5 become <c>[]</c> unless verbose.
/// <c>projector_info</c> is the same view of the first projector, without removing any key (Ollama's
/// GetModelInfo deletes those two from the model's map only).
/// </summary>
public static class ModelInfoBuilder
{
    private const int MaxArrayWithoutVerbose = 5;

    private static readonly string[] s_hiddenModelKeys = ["general.name", "tokenizer.chat_template"];

    public static JsonObject Build(GgufFile gguf, bool verbose) => Build(gguf, verbose, s_hiddenModelKeys);

    public static JsonObject BuildProjector(GgufFile projector, bool verbose) => Build(projector, verbose, []);

    private static JsonObject Build(GgufFile gguf, bool verbose, string[] hidden)
    {
        var entries = gguf.Metadata
            .Where(kv => !hidden.Contains(kv.Key))
            .Select(kv => KeyValuePair.Create(kv.Key, ToNode(kv.Value, verbose)))
            .Append(KeyValuePair.Create("general.parameter_count", (JsonNode?)JsonValue.Create(gguf.ParameterCount)))
            .DistinctBy(kv => kv.Key)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal);
        return new JsonObject(entries);
    }

    private static JsonNode? ToNode(object value, bool verbose) => value switch
    {
        GgufArray array when !verbose && array.Items.Count > MaxArrayWithoutVerbose => new JsonArray(),
        GgufArray array => new JsonArray(array.Items.Select(i => ToNode(i, verbose)).ToArray()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        byte v => JsonValue.Create(v),
        sbyte v => JsonValue.Create(v),
        ushort v => JsonValue.Create(v),
        short v => JsonValue.Create(v),
        uint v => JsonValue.Create(v),
        int v => JsonValue.Create(v),
        ulong v => JsonValue.Create(v),
        long v => JsonValue.Create(v),
        float v => float.IsFinite(v) ? JsonValue.Create(v) : null,
        double v => double.IsFinite(v) ? JsonValue.Create(v) : null,
        _ => null,
    };
}
