using System.Text.Json.Nodes;
using Corral.Contracts.Ollama;

namespace Corral.Client.Tests;

[Collection(ServerCollection.Name)]
public sealed class ChatTests(ScriptedServerFixture server)
{
    [Fact]
    public async Task ChatStreamAsync_sends_messages_and_tools_and_yields_chunks()
    {
        var script = server.NewScript().ReplyLines(
            """{"model":"llama3.2","created_at":"2025-10-01T12:00:00.1Z","message":{"role":"assistant","content":"Hel"},"done":false}""",
            """{"model":"llama3.2","created_at":"2025-10-01T12:00:00.2Z","message":{"role":"assistant","content":"lo"},"done":false}""",
            """{"model":"llama3.2","created_at":"2025-10-01T12:00:00.3Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":10,"load_duration":1,"prompt_eval_count":7,"prompt_eval_duration":2,"eval_count":2,"eval_duration":3}""");
        using var client = new CorralClient(script.BaseUri);

        var text = "";
        ChatResponse? last = null;
        await foreach (var chunk in client.ChatStreamAsync(new ChatRequest
        {
            Model = "llama3.2",
            Messages = [new Message { Role = "system", Content = "Be brief." }, new Message { Role = "user", Content = "hi", Images = [[1, 2, 3]] }],
            Think = false,
        }))
        {
            text += chunk.Message.Content;
            last = chunk;
        }

        var request = Assert.Single(script.Requests);
        Assert.Equal("/api/chat", request.Path);
        Assert.Equal(
            """{"model":"llama3.2","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi","images":["AQID"]}],"think":false}""",
            request.BodyText);
        Assert.Equal("Hello", text);
        Assert.NotNull(last);
        Assert.Equal(("stop", 7, 2), (last.DoneReason, last.PromptEvalCount, last.EvalCount));
    }

    [Fact]
    public async Task ChatAsync_returns_tool_calls_with_object_arguments()
    {
        // Reference 1.3 tool-call round trip, non-streaming.
        var script = server.NewScript().Reply(200,
            """{"model":"llama3.2","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":"","tool_calls":[{"id":"call_k3x9a0qz","function":{"index":0,"name":"get_weather","arguments":{"city":"Tokyo"}}}]},"done_reason":"stop","done":true,"eval_count":9}""");
        using var client = new CorralClient(script.BaseUri);
        var tool = new Tool
        {
            Function = new ToolFunction
            {
                Name = "get_weather",
                Parameters = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } },
                    ["required"] = new JsonArray("city"),
                },
            },
        };

        var response = await client.ChatAsync(new ChatRequest
        {
            Model = "llama3.2",
            Messages = [new Message { Role = "user", Content = "weather in Tokyo?" }],
            Tools = [tool],
        });

        Assert.Equal(
            """{"model":"llama3.2","messages":[{"role":"user","content":"weather in Tokyo?"}],"stream":false,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}""",
            Assert.Single(script.Requests).BodyText);
        var call = Assert.Single(response.Message.ToolCalls!);
        Assert.Equal("call_k3x9a0qz", call.Id);
        Assert.Equal("get_weather", call.Function.Name);
        Assert.Equal("Tokyo", (string?)call.Function.Arguments["city"]);
    }
}
