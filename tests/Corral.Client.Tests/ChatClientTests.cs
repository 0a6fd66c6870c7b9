using System.ComponentModel;
using System.Text.Json;
using Corral.Client.AI;
using Microsoft.Extensions.AI;

namespace Corral.Client.Tests;

[Collection(ServerCollection.Name)]
public sealed class ChatClientTests(ScriptedServerFixture server)
{
    [Description("Gets the current weather for a city.")]
    private static string GetWeather([Description("The city.")] string city) => city == "Tokyo" ? "11 degrees" : "unknown";

    [Fact]
    public async Task A_tool_round_trip_through_IChatClient()
    {
        var script = server.NewScript()
            .Reply(200, """{"model":"llama3.2","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":"","tool_calls":[{"id":"call_k3x9a0qz","function":{"index":0,"name":"GetWeather","arguments":{"city":"Tokyo"}}}]},"done_reason":"stop","done":true,"prompt_eval_count":30,"eval_count":12}""")
            .Reply(200, """{"model":"llama3.2","created_at":"2025-10-01T12:00:01Z","message":{"role":"assistant","content":"It is 11 degrees in Tokyo."},"done_reason":"stop","done":true,"prompt_eval_count":50,"eval_count":9}""");
        using var corral = new CorralClient(script.BaseUri);
        IChatClient chat = new CorralChatClient(corral, "llama3.2");
        var weather = AIFunctionFactory.Create(GetWeather);
        var options = new ChatOptions { Tools = [weather] };
        List<ChatMessage> history = [new(ChatRole.User, "weather in Tokyo?")];

        var first = await chat.GetResponseAsync(history, options);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        var result = await weather.InvokeAsync(new AIFunctionArguments(call.Arguments));
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
        var second = await chat.GetResponseAsync(history, options);

        Assert.Equal("It is 11 degrees in Tokyo.", second.Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal((50L, 9L, 59L), (second.Usage!.InputTokenCount, second.Usage.OutputTokenCount, second.Usage.TotalTokenCount));
        var firstBody = script.Requests[0].Json;
        Assert.False(firstBody.GetProperty("stream").GetBoolean());
        var function = firstBody.GetProperty("tools")[0].GetProperty("function");
        Assert.Equal("GetWeather", function.GetProperty("name").GetString());
        Assert.Equal("Gets the current weather for a city.", function.GetProperty("description").GetString());
        Assert.Equal("string", function.GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        var messages = script.Requests[1].Json.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal(
            """{"role":"assistant","content":"","tool_calls":[{"id":"call_k3x9a0qz","function":{"index":0,"name":"GetWeather","arguments":{"city":"Tokyo"}}}]}""",
            messages[1].GetRawText());
        Assert.Equal("""{"role":"tool","content":"11 degrees","tool_name":"GetWeather","tool_call_id":"call_k3x9a0qz"}""", messages[2].GetRawText());
    }

    [Fact]
    public async Task Streaming_yields_text_updates_and_usage_on_the_last()
    {
        var script = server.NewScript().ReplyLines(
            """{"model":"qwen3","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":"","thinking":"Hmm"},"done":false}""",
            """{"model":"qwen3","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":"Blue"},"done":false}""",
            """{"model":"qwen3","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":""},"done_reason":"length","done":true,"prompt_eval_count":3,"eval_count":2}""");
        using var corral = new CorralClient(script.BaseUri);
        IChatClient chat = new CorralChatClient(corral);

        var updates = await chat.GetStreamingResponseAsync("sky?", new ChatOptions
        {
            ModelId = "qwen3",
            Instructions = "Answer in one word.",
            Temperature = 0.5f,
            MaxOutputTokens = 2,
            Seed = 7,
            StopSequences = ["\n"],
            AdditionalProperties = new() { ["think"] = true, ["num_ctx"] = 2048 },
        }).ToListAsync();

        Assert.Equal(
            """{"model":"qwen3","messages":[{"role":"system","content":"Answer in one word."},{"role":"user","content":"sky?"}],"stream":true,"options":{"temperature":0.5,"num_predict":2,"seed":7,"stop":["\n"],"num_ctx":2048},"think":true}""",
            script.Requests[0].BodyText);
        Assert.Equal("Blue", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal("Hmm", updates[0].Contents.OfType<TextReasoningContent>().Single().Text);
        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
        Assert.Equal(2, updates[^1].Contents.OfType<UsageContent>().Single().Details.OutputTokenCount);
        var response = updates.ToChatResponse();
        Assert.Equal("Blue", response.Text);
    }

    [Fact]
    public async Task Streamed_tool_calls_finish_with_ToolCalls()
    {
        var script = server.NewScript().ReplyLines(
            """{"model":"llama3.2","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":"","tool_calls":[{"id":"call_aaaaaaaa","function":{"index":0,"name":"GetWeather","arguments":{"city":"Paris"}}}]},"done":false}""",
            """{"model":"llama3.2","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true}""");
        using var corral = new CorralClient(script.BaseUri);
        IChatClient chat = new CorralChatClient(corral, "llama3.2");

        var response = (await chat.GetStreamingResponseAsync("weather?", new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather)] }).ToListAsync()).ToChatResponse();

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("call_aaaaaaaa", "Paris"), (call.CallId, call.Arguments!["city"]?.ToString()));
    }

    [Fact]
    public async Task Response_format_json_and_schema_become_format()
    {
        var script = server.NewScript()
            .Reply(200, """{"model":"m","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":"{}"},"done_reason":"stop","done":true}""")
            .Reply(200, """{"model":"m","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":"{\"age\":3}"},"done_reason":"stop","done":true}""");
        using var corral = new CorralClient(script.BaseUri);
        IChatClient chat = new CorralChatClient(corral, "m");
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"age":{"type":"integer"}},"required":["age"]}""").RootElement;

        await chat.GetResponseAsync("json please", new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        var typed = await chat.GetResponseAsync("age?", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) });

        Assert.Equal("\"json\"", script.Requests[0].Json.GetProperty("format").GetRawText());
        Assert.Equal(schema.GetRawText(), script.Requests[1].Json.GetProperty("format").GetRawText());
        Assert.Equal(3, JsonDocument.Parse(typed.Text).RootElement.GetProperty("age").GetInt32());
    }

    [Theory]
    [InlineData(ReasoningEffort.None, "false")]
    [InlineData(ReasoningEffort.Low, "\"low\"")]
    [InlineData(ReasoningEffort.ExtraHigh, "\"max\"")]
    public async Task Reasoning_effort_becomes_think(ReasoningEffort effort, string think)
    {
        var script = server.NewScript().Reply(200, """{"model":"qwen3","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":"ok"},"done":true}""");
        using var corral = new CorralClient(script.BaseUri);
        IChatClient chat = new CorralChatClient(corral, "qwen3");

        await chat.GetResponseAsync("hi", new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } });

        Assert.Equal(think, script.Requests[0].Json.GetProperty("think").GetRawText());
    }

    [Fact]
    public async Task Tool_mode_none_sends_no_tools()
    {
        var script = server.NewScript().Reply(200, """{"model":"m","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":"ok"},"done":true}""");
        using var corral = new CorralClient(script.BaseUri);
        IChatClient chat = new CorralChatClient(corral, "m");

        await chat.GetResponseAsync("hi", new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather)], ToolMode = ChatToolMode.None });

        Assert.False(script.Requests[0].Json.TryGetProperty("tools", out _));
    }

    [Fact]
    public async Task Images_are_sent_as_base64()
    {
        var script = server.NewScript().Reply(200, """{"model":"llava","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":"a cat"},"done":true}""");
        using var corral = new CorralClient(script.BaseUri);
        IChatClient chat = new CorralChatClient(corral, "llava");

        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("what is this?"), new DataContent(new byte[] { 0x89, 0x50, 0x4e, 0x47 }, "image/png")])]);

        Assert.Equal("""{"role":"user","content":"what is this?","images":["iVBORw=="]}""", script.Requests[0].Json.GetProperty("messages")[0].GetRawText());
    }

    [Fact]
    public async Task Image_urls_are_refused_before_sending()
    {
        var script = server.NewScript();
        using var corral = new CorralClient(script.BaseUri);
        IChatClient chat = new CorralChatClient(corral, "llava");

        await Assert.ThrowsAsync<NotSupportedException>(() =>
            chat.GetResponseAsync([new ChatMessage(ChatRole.User, [new UriContent("https://example.com/cat.png", "image/png")])]));
        Assert.Empty(script.Requests);
    }

    [Fact]
    public void Metadata_and_services()
    {
        using var corral = new CorralClient(new Uri("http://127.0.0.1:11434"));
        IChatClient chat = new CorralChatClient(corral, "llama3.2");

        var metadata = chat.GetService<ChatClientMetadata>();
        Assert.Equal(("corral", "llama3.2"), (metadata?.ProviderName, metadata?.DefaultModelId));
        Assert.Same(corral, chat.GetService<CorralClient>());
    }

    [Fact]
    public async Task Without_a_model_the_call_fails_before_sending()
    {
        using var corral = new CorralClient(new Uri("http://127.0.0.1:9"));
        IChatClient chat = new CorralChatClient(corral);

        await Assert.ThrowsAsync<InvalidOperationException>(() => chat.GetResponseAsync("hi"));
    }
}
