using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Contracts.Ollama;
using Microsoft.Extensions.AI;

namespace Corral.Client.AI;

/// <summary>Builds an Ollama <c>/api/chat</c> request from Microsoft.Extensions.AI messages and options.</summary>
internal static class ChatRequestMapper
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key that carries Ollama's <c>think</c> (bool or level).</summary>
    public const string ThinkProperty = "think";

    public static ChatRequest Map(IEnumerable<ChatMessage> messages, ChatOptions? options, string? defaultModel, bool stream)
    {
        var model = options?.ModelId ?? defaultModel
            ?? throw new InvalidOperationException("No model: set ChatOptions.ModelId or give the chat client a default model.");
        var wire = new List<Message>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            wire.Add(new Message { Role = "system", Content = options.Instructions });
        }
        var toolNames = new Dictionary<string, string>();
        foreach (var message in messages)
        {
            AddMessage(wire, message, toolNames);
        }
        return new ChatRequest
        {
            Model = model,
            Messages = wire,
            Stream = stream,
            Format = Format(options?.ResponseFormat),
            Tools = options?.ToolMode is NoneChatToolMode ? null : Tools(options?.Tools),
            Options = Options(options),
            Think = Think(options),
        };
    }

    private static void AddMessage(List<Message> wire, ChatMessage message, Dictionary<string, string> toolNames)
    {
        var text = new StringBuilder();
        var thinking = new StringBuilder();
        var images = new List<byte[]>();
        var calls = new List<ToolCall>();
        var results = new List<Message>();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent t:
                    text.Append(t.Text);
                    break;
                case TextReasoningContent r:
                    thinking.Append(r.Text);
                    break;
                case DataContent d when d.HasTopLevelMediaType("image"):
                    images.Add(d.Data.ToArray());
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    // Ollama takes image bytes only (its OpenAI layer answers "image URLs are not currently supported").
                    throw new NotSupportedException($"Image URLs are not supported by Ollama ({uri.Uri}); send the bytes as DataContent.");
                case FunctionCallContent call:
                    toolNames[call.CallId] = call.Name;
                    calls.Add(new ToolCall
                    {
                        Id = call.CallId,
                        Function = new ToolCallFunction { Index = calls.Count, Name = call.Name, Arguments = Arguments(call.Arguments) },
                    });
                    break;
                case FunctionResultContent result:
                    results.Add(new Message
                    {
                        Role = "tool",
                        Content = ResultText(result.Result),
                        ToolCallId = result.CallId,
                        ToolName = toolNames.GetValueOrDefault(result.CallId),
                    });
                    break;
            }
        }
        if (results.Count == 0 || text.Length > 0 || images.Count > 0 || calls.Count > 0)
        {
            wire.Add(new Message
            {
                Role = message.Role.Value,
                Content = text.ToString(),
                Thinking = thinking.Length > 0 ? thinking.ToString() : null,
                Images = images.Count > 0 ? images : null,
                ToolCalls = calls.Count > 0 ? calls : null,
            });
        }
        wire.AddRange(results);
    }

    private static JsonObject Arguments(IDictionary<string, object?>? arguments) =>
        arguments is null ? [] : JsonSerializer.SerializeToNode(arguments, AIJsonUtilities.DefaultOptions) as JsonObject ?? [];

    private static string ResultText(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions),
    };

    // ChatResponseFormat.Json -> "json"; a schema -> the schema object (Ollama structured outputs).
    private static JsonElement? Format(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } => schema,
        ChatResponseFormatJson => JsonSerializer.SerializeToElement("json", AIJsonUtilities.DefaultOptions),
        _ => null,
    };

    private static List<Tool>? Tools(IList<AITool>? tools)
    {
        var functions = tools?.OfType<AIFunctionDeclaration>().Select(f => new Tool
        {
            Function = new ToolFunction
            {
                Name = f.Name,
                Description = string.IsNullOrEmpty(f.Description) ? null : f.Description,
                Parameters = JsonObject.Create(f.JsonSchema) ?? [],
            },
        }).ToList();
        return functions is { Count: > 0 } ? functions : null;
    }

    // ChatOptions -> Ollama option names (https://github.com/ollama/ollama/blob/main/docs/modelfile.md#parameter).
    private static Dictionary<string, JsonElement>? Options(ChatOptions? options)
    {
        if (options is null)
        {
            return null;
        }
        var map = new Dictionary<string, object?>
        {
            ["temperature"] = options.Temperature,
            ["top_p"] = options.TopP,
            ["top_k"] = options.TopK,
            ["num_predict"] = options.MaxOutputTokens,
            ["frequency_penalty"] = options.FrequencyPenalty,
            ["presence_penalty"] = options.PresencePenalty,
            ["seed"] = options.Seed,
            ["stop"] = options.StopSequences is { Count: > 0 } stop ? stop : null,
        };
        // Any other additional property is passed as an Ollama option by name (e.g. "num_ctx").
        foreach (var (key, value) in options.AdditionalProperties ?? [])
        {
            if (key != ThinkProperty)
            {
                map[key] = value;
            }
        }
        var set = map.Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value, AIJsonUtilities.DefaultOptions));
        return set.Count > 0 ? set : null;
    }

    // AdditionalProperties["think"] wins; otherwise ChatOptions.Reasoning.Effort maps the way Ollama's OpenAI
    // layer maps reasoning_effort (none -> false, xhigh -> max; https://github.com/ollama/ollama/blob/main/openai/openai.go).
    private static ThinkValue? Think(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ThinkProperty, out var value) == true
            ? value switch
            {
                bool b => ThinkValue.FromBool(b),
                string level => ThinkValue.FromLevel(level),
                _ => throw new ArgumentException($"'{ThinkProperty}' must be a bool or one of {string.Join(", ", ThinkValue.Levels)}."),
            }
            : options?.Reasoning?.Effort switch
            {
                ReasoningEffort.None => ThinkValue.FromBool(false),
                ReasoningEffort.Low => ThinkValue.FromLevel("low"),
                ReasoningEffort.Medium => ThinkValue.FromLevel("medium"),
                ReasoningEffort.High => ThinkValue.FromLevel("high"),
                ReasoningEffort.ExtraHigh => ThinkValue.FromLevel("max"),
                _ => null,
            };
}
