using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>api.ToolCallFunction: <c>.Index</c>, <c>.Name</c>, <c>.Arguments</c> (prints as compact JSON).</summary>
internal sealed record ToolCallFunctionValue(long Index, string Name, OrderedMapValue Arguments) : IGoJsonMarshaler, ITemplateStringer
{
    public string MarshalJson() =>
        "{\"index\":" + Index + ",\"name\":" + GoJson.Marshal(Name) + ",\"arguments\":" + GoJson.Marshal(Arguments) + "}";

    public string ToTemplateString() => "{" + Index + " " + Name + " " + GoJson.Marshal(Arguments) + "}";
}
