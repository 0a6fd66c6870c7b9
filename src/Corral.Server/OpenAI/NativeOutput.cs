using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>Reads the parts of a native chat/generate line the compatibility APIs translate.</summary>
internal static class NativeOutput
{
    public static bool Done(JsonObject line) => line["done"]?.GetValue<bool>() ?? false;

    public static string Text(JsonNode? node, string field) => node?[field]?.GetValue<string>() ?? "";

    public static JsonArray ToolCalls(JsonObject line) => line["message"]?["tool_calls"] as JsonArray ?? [];

    public static int PromptTokens(JsonObject line) => line["prompt_eval_count"]?.GetValue<int>() ?? 0;

    public static int OutputTokens(JsonObject line) => line["eval_count"]?.GetValue<int>() ?? 0;

    /// <summary>A native tool call in OpenAI's shape: <c>arguments</c> as a JSON string.</summary>
    public static JsonObject ToOpenAIToolCall(JsonNode? call, int index) => new()
    {
        ["id"] = call?["id"]?.GetValue<string>() ?? $"call_{index}",
        ["index"] = index,
        ["type"] = "function",
        ["function"] = new JsonObject
        {
            ["name"] = call?["function"]?["name"]?.GetValue<string>() ?? "",
            ["arguments"] = Arguments(call),
        },
    };

    public static string Arguments(JsonNode? call) => WireJson.Serialize(call?["function"]?["arguments"] ?? new JsonObject());

    /// <summary>OpenAI's finish reason: a turn with tool calls ends in <c>tool_calls</c>; <c>length</c> stays; anything else is <c>stop</c>.</summary>
    public static string FinishReason(JsonObject line, bool sawToolCalls) =>
        sawToolCalls ? "tool_calls" : line["done_reason"]?.GetValue<string>() == "length" ? "length" : "stop";

    /// <summary>Native logprobs already use OpenAI's field names (token, logprob, bytes, top_logprobs).</summary>
    public static JsonArray? Logprobs(JsonObject line) => line["logprobs"]?.DeepClone() as JsonArray;

    /// <summary>OpenAI's <c>usage</c> from a final native line's counts.</summary>
    public static JsonObject OpenAIUsage(JsonObject final)
    {
        var prompt = PromptTokens(final);
        var completion = OutputTokens(final);
        return new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion };
    }
}
