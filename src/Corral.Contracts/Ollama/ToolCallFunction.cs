using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>The function part of a <see cref="ToolCall"/>; <c>index</c> is always serialized.</summary>
public sealed record ToolCallFunction
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int Index { get; init; }

    public string Name { get; set; } = "";

    /// <summary>Arguments as a JSON object in the order the model produced them (<c>{}</c> when none).</summary>
    public JsonObject Arguments { get; set; } = [];
}
