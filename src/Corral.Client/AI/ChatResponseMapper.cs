using System.Text.Json;
using Corral.Contracts.Ollama;
using Microsoft.Extensions.AI;
using OllamaChatResponse = Corral.Contracts.Ollama.ChatResponse;

namespace Corral.Client.AI;

/// <summary>Turns Ollama chat chunks into Microsoft.Extensions.AI contents, finish reasons and usage.</summary>
internal static class ChatResponseMapper
{
    public static List<AIContent> Contents(Message message)
    {
        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(message.Thinking))
        {
            contents.Add(new TextReasoningContent(message.Thinking));
        }
        if (message.Content.Length > 0)
        {
            contents.Add(new TextContent(message.Content));
        }
        foreach (var call in message.ToolCalls ?? [])
        {
            // Ollama only assigns ids on recent versions; MEAI needs one to pair results with calls.
            var id = string.IsNullOrEmpty(call.Id) ? "call_" + Guid.NewGuid().ToString("N")[..8] : call.Id;
            var arguments = call.Function.Arguments.Deserialize<Dictionary<string, object?>>(AIJsonUtilities.DefaultOptions);
            contents.Add(new FunctionCallContent(id, call.Function.Name, arguments));
        }
        return contents;
    }

    public static ChatFinishReason? FinishReason(OllamaChatResponse chunk, bool sawToolCalls) => chunk switch
    {
        { Done: false } => null,
        _ when sawToolCalls => ChatFinishReason.ToolCalls,
        { DoneReason: "stop" } => ChatFinishReason.Stop,
        { DoneReason: "length" } => ChatFinishReason.Length,
        { DoneReason: { Length: > 0 } reason } => new ChatFinishReason(reason),
        _ => null,
    };

    public static UsageDetails? Usage(OllamaChatResponse chunk) => chunk.Done
        ? new UsageDetails
        {
            InputTokenCount = chunk.PromptEvalCount,
            OutputTokenCount = chunk.EvalCount,
            TotalTokenCount = chunk.PromptEvalCount + chunk.EvalCount,
        }
        : null;
}
