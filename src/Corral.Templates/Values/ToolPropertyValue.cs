using System.Text.Json;
using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>api.ToolProperty: <c>.Type</c>, <c>.Description</c>, <c>.Enum</c>, <c>.Items</c>, <c>.AnyOf</c>, <c>.Properties</c>, <c>.Required</c>.</summary>
internal sealed record ToolPropertyValue(
    IReadOnlyList<object?> AnyOf,
    PropertyTypeValue Type,
    JsonElement? Items,
    string Description,
    JsonElement? Enum,
    OrderedMapValue Properties,
    IReadOnlyList<object?> Required) : IGoJsonMarshaler, ITemplateStringer
{
    public static ToolPropertyValue From(JsonElement property) => new(
        JsonFields.Optional(property, "anyOf") is { ValueKind: JsonValueKind.Array } anyOf
            ? anyOf.EnumerateArray().Select(p => (object?)From(p)).ToList()
            : [],
        PropertyTypeValue.From(JsonFields.Optional(property, "type")),
        JsonFields.Optional(property, "items"),
        JsonFields.String(property, "description"),
        JsonFields.Optional(property, "enum"),
        OrderedMapValue.Properties(JsonFields.Optional(property, "properties")),
        JsonFields.Strings(property, "required"));

    /// <summary>api.ToolProperty.ToTypeScriptType: anyOf alternatives or the type list, joined with " | ".</summary>
    public string ToTypeScriptType => AnyOf.Count > 0
        ? string.Join(" | ", AnyOf.OfType<ToolPropertyValue>().Select(p => p.ToTypeScriptType))
        : TypeScriptTypes.From(Type.Types);

    public string MarshalJson() => new GoJsonObject()
        .AddIfPresent("anyOf", AnyOf)
        .AddIfPresent("type", Type)
        .AddIfPresent("items", Items)
        .AddIfPresent("description", Description)
        .AddIfPresent("enum", Enum)
        .AddIfPresent("properties", Properties)
        .AddIfPresent("required", Required)
        .ToString();

    public string ToTemplateString() => MarshalJson();
}
