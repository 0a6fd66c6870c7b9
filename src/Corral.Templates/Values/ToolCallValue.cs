using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>api.ToolCall: <c>.ID</c> and <c>.Function</c>; marshals as <c>{"id":..,"function":{..}}</c> (id omitted when empty).</summary>
internal sealed record ToolCallValue(string ID, ToolCallFunctionValue Function) : IGoJsonMarshaler, ITemplateStringer
{
    public static ToolCallValue From(ToolCall call) => new(call.Id, new ToolCallFunctionValue(call.Index, call.Name, OrderedMapValue.Arguments(call.Arguments)));

    public string MarshalJson() =>
        "{" + (ID.Length > 0 ? "\"id\":" + GoJson.Marshal(ID) + "," : "") + "\"function\":" + Function.MarshalJson() + "}";

    public string ToTemplateString() => "{" + ID + " " + Function.ToTemplateString() + "}";
}
