using System.Text.Json;
using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>api.PropertyType: a JSON schema type that may be a string or a list of strings; prints as Go's String() does.</summary>
internal sealed record PropertyTypeValue(IReadOnlyList<string> Types) : IGoJsonMarshaler, ITemplateStringer
{
    public static PropertyTypeValue From(JsonElement? type) => new(type switch
    {
        { ValueKind: JsonValueKind.String } s => [s.GetString()!],
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
        _ => [],
    });

    public string MarshalJson() => Types.Count == 1 ? GoJson.Marshal(Types[0]) : GoJson.Marshal(Types);

    public string ToTemplateString() => Types.Count switch
    {
        0 => "",
        1 => Types[0],
        _ => "[" + string.Join(' ', Types) + "]",
    };
}
