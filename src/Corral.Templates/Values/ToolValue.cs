using System.Text.Json;
using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>
/// api.Tool as templates see it: <c>.Type</c>, <c>.Items</c>, <c>.Function</c>. Printing it (or <c>.Tools</c>)
/// gives the JSON Go's encoding/json produces from the struct: fields in struct order, empty optional fields left out.
/// </summary>
internal sealed record ToolValue(string Type, JsonElement? Items, ToolFunctionValue Function) : IGoJsonMarshaler, ITemplateStringer
{
    public static ToolValue From(JsonElement tool) => new(
        JsonFields.String(tool, "type"),
        JsonFields.Optional(tool, "items"),
        ToolFunctionValue.From(JsonFields.Optional(tool, "function")));

    public string MarshalJson() => new GoJsonObject()
        .Add("type", Type)
        .AddIfPresent("items", Items)
        .Add("function", Function)
        .ToString();

    public string ToTemplateString() => MarshalJson();
}
