using System.Text.Json;
using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>api.ToolFunction: <c>.Name</c>, <c>.Description</c>, <c>.Parameters</c>; prints as JSON.</summary>
internal sealed record ToolFunctionValue(string Name, string Description, ToolParametersValue Parameters) : IGoJsonMarshaler, ITemplateStringer
{
    public static ToolFunctionValue From(JsonElement? function) => new(
        JsonFields.String(function, "name"),
        JsonFields.String(function, "description"),
        ToolParametersValue.From(JsonFields.Optional(function, "parameters")));

    public string MarshalJson() => new GoJsonObject()
        .Add("name", Name)
        .AddIfPresent("description", Description)
        .Add("parameters", Parameters)
        .ToString();

    public string ToTemplateString() => MarshalJson();
}
