using System.Text.Json;
using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>api.Tools: a slice to templates (range, len, if) whose String() is its JSON; absent tools print "null".</summary>
internal sealed class ToolsValue(List<ToolValue> tools, bool isNull) : List<ToolValue>(tools), ITemplateStringer, IGoJsonMarshaler
{
    public static ToolsValue From(JsonElement? tools) => tools is { ValueKind: JsonValueKind.Array } array
        ? new ToolsValue(array.EnumerateArray().Select(ToolValue.From).ToList(), false)
        : new ToolsValue([], true);

    public string MarshalJson() => isNull ? "null" : "[" + string.Join(',', this.Select(t => t.MarshalJson())) + "]";

    public string ToTemplateString() => MarshalJson();
}
