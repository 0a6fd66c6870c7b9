using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>OpenAI reasoning effort as a native <c>think</c> value (Ollama's mapping, reference section 1.12).</summary>
internal static class ReasoningEffort
{
    public static JsonNode? ToThink(string? effort) => effort switch
    {
        null or "" => null,
        "none" => false,
        "minimal" => "low",
        "low" or "medium" or "high" or "max" => effort,
        "xhigh" or "ultra" => "max",
        _ => throw new TranslationException(
            $"invalid reasoning value: \"{effort}\" (must be \"minimal\", \"low\", \"medium\", \"high\", \"xhigh\", \"ultra\", \"max\", or \"none\")"),
    };
}
