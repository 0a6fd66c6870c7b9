using System.Text.Json.Nodes;

namespace Corral.Contracts.Ollama;

/// <summary>A tool's function definition (Go <c>api.ToolFunction</c>).</summary>
public sealed record ToolFunction
{
    public string Name { get; set; } = "";

    public string? Description { get; init; }

    /// <summary>JSON Schema of the arguments (<c>type</c>, <c>properties</c>, <c>required</c>...), property order kept.</summary>
    public JsonObject Parameters { get; set; } = new() { ["type"] = "object", ["properties"] = new JsonObject() };
}
