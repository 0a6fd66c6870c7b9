using System.Text.Json;
using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>api.ToolFunctionParameters: <c>.Type</c>, <c>.Defs</c> ($defs), <c>.Items</c>, <c>.Required</c>, <c>.Properties</c>.</summary>
internal sealed record ToolParametersValue(
    string Type,
    JsonElement? Defs,
    JsonElement? Items,
    IReadOnlyList<object?> Required,
    OrderedMapValue Properties) : IGoJsonMarshaler, ITemplateStringer
{
    public static ToolParametersValue From(JsonElement? parameters) => new(
        JsonFields.String(parameters, "type"),
        JsonFields.Optional(parameters, "$defs"),
        JsonFields.Optional(parameters, "items"),
        JsonFields.Strings(parameters, "required"),
        OrderedMapValue.Properties(JsonFields.Optional(parameters, "properties")));

    public string MarshalJson() => new GoJsonObject()
        .Add("type", Type)
        .AddIfPresent("$defs", Defs)
        .AddIfPresent("items", Items)
        .AddIfPresent("required", Required)
        .Add("properties", Properties)
        .ToString();

    public string ToTemplateString() => MarshalJson();
}
