using System.Text.Json;
using Corral.Server.Tests.Fakes;

namespace Corral.OpenAI.Tests;

/// <summary>
/// <c>/v1/messages</c> by raw HTTP, replaying what a Claude-style client sends (system inside messages, tool_use and
/// tool_result blocks, <c>?beta=true</c>, <c>x-api-key</c>) and checking the event order it expects.
/// </summary>
public sealed class AnthropicMessagesTests
{
    private const string Tools = "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Weather\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}},"
        + "{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]";

    [Fact]
    public async Task StreamEmitsAnthropicsEventOrder()
    {
        await using var server = await ServerHarness.StartAsync(runner: runner => runner.Words = ["[T:let me see]", "Checking", "[C:get_weather]"]);
        var body = "{\"model\":\"thinker\",\"max_tokens\":64,\"stream\":true,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}," + Tools + ","
            + "\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather?\"}]}]}";
        server.Client.DefaultRequestHeaders.Add("x-api-key", "anything");
        server.Client.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
        var response = await server.PostAsync("/v1/messages?beta=true", body);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = ParseEvents(await response.Content.ReadAsStringAsync());
        Assert.Equal(["message_start",
            "content_block_start", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_stop",
            "message_delta", "message_stop"], events.Select(e => e.Name));
        Assert.All(events, e => Assert.Equal(e.Name, e.Data.GetProperty("type").GetString()));
        Assert.Equal("thinking", events[1].Data.GetProperty("content_block").GetProperty("type").GetString());
        Assert.Equal("let me see", events[2].Data.GetProperty("delta").GetProperty("thinking").GetString());
        Assert.Equal("Checking", events[5].Data.GetProperty("delta").GetProperty("text").GetString());
        Assert.Equal(1, events[5].Data.GetProperty("index").GetInt32());
        var toolUse = events[7].Data.GetProperty("content_block");
        Assert.Equal("tool_use", toolUse.GetProperty("type").GetString());
        Assert.Equal("get_weather", toolUse.GetProperty("name").GetString());
        Assert.Equal("{}", toolUse.GetProperty("input").GetRawText());
        Assert.Equal("input_json_delta", events[8].Data.GetProperty("delta").GetProperty("type").GetString());
        Assert.Equal("tool_use", events[10].Data.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(3, events[10].Data.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        var start = events[0].Data.GetProperty("message");
        Assert.StartsWith("msg_", start.GetProperty("id").GetString());
        Assert.Equal(0, start.GetProperty("content").GetArrayLength());
        Assert.True(start.GetProperty("usage").GetProperty("input_tokens").GetInt32() > 0);
        // The built-in web_search server tool is not forwarded; system inside messages reaches the template.
        Assert.Equal("<system>You are terse.<user>Weather?[tools:1][think:True]", server.Runners.Last.Requests[0].Prompt);
    }

    [Fact]
    public async Task ToolUseAndToolResultRoundTripNonStream()
    {
        await using var server = await ServerHarness.StartAsync(runner: runner => runner.Words = ["[C:get_weather]"]);
        var first = await PostJsonAsync(server, "{\"model\":\"thinker\",\"max_tokens\":64,\"system\":[{\"type\":\"text\",\"text\":\"Top\"}]," + Tools + ","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}");
        Assert.Equal("message", first.GetProperty("type").GetString());
        Assert.Equal("tool_use", first.GetProperty("stop_reason").GetString());
        var toolUse = first.GetProperty("content")[0];
        Assert.Equal("tool_use", toolUse.GetProperty("type").GetString());
        var id = toolUse.GetProperty("id").GetString();

        server.Runners.Last.Words = ["Sunny"];
        var second = await PostJsonAsync(server, "{\"model\":\"thinker\",\"max_tokens\":64,\"system\":\"Top\"," + Tools + ",\"messages\":["
            + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"need tool\",\"signature\":\"\"},"
            + $"{{\"type\":\"tool_use\",\"id\":\"{id}\",\"name\":\"get_weather\",\"input\":{{\"city\":\"Paris\"}}}}]}},"
            + $"{{\"role\":\"user\",\"content\":[{{\"type\":\"tool_result\",\"tool_use_id\":\"{id}\",\"content\":[{{\"type\":\"text\",\"text\":\"22C\"}}]}},"
            + "{\"type\":\"text\",\"text\":\"Thanks\"}]}]}");
        Assert.Equal("end_turn", second.GetProperty("stop_reason").GetString());
        Assert.Equal("Sunny", second.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(1, second.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal("<system>Top<user>Weather in Paris?<assistant><tool>22C<user>Thanks[tools:1][think:True]", server.Runners.Last.Requests[1].Prompt);
    }

    [Fact]
    public async Task Base64ImageBlocksAreAcceptedBesideText()
    {
        await using var server = await ServerHarness.StartAsync();
        // Only a model with a projector takes images (server tests check the tags and images the runner gets).
        server.Catalog.Replace("tiny", model => model with { ProjectorPaths = ["/blobs/tiny-mmproj"] });
        await PostJsonAsync(server, "{\"model\":\"tiny\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":["
            + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"AQID\"}},{\"type\":\"text\",\"text\":\"What?\"}]}]}");
        Assert.Equal("<user>What?[tools:0][think:False]", server.Runners.Last.Requests[0].Prompt);
    }

    [Fact]
    public async Task ThinkingIsDroppedForModelsThatCannotThink()
    {
        await using var server = await ServerHarness.StartAsync();
        var message = await PostJsonAsync(server, "{\"model\":\"tiny\",\"max_tokens\":8,\"thinking\":{\"type\":\"enabled\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        Assert.Equal("Hello world", message.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(8, server.Runners.Last.Requests[0].NumPredict);
    }

    [Fact]
    public async Task CountTokensTokenizesTheRenderedPrompt()
    {
        await using var server = await ServerHarness.StartAsync();
        var counted = await PostJsonAsync(server, "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "/v1/messages/count_tokens");
        // The fake runner makes one token per character of "<user>Hi[tools:0][think:False]".
        Assert.Equal("<user>Hi[tools:0][think:False]".Length, counted.GetProperty("input_tokens").GetInt32());
    }

    [Theory]
    [InlineData("{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 400, "invalid_request_error", "model is required")]
    [InlineData("{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 400, "invalid_request_error", "max_tokens is required and must be positive")]
    [InlineData("{\"model\":\"tiny\",\"max_tokens\":5,\"messages\":[]}", 400, "invalid_request_error", "messages is required")]
    [InlineData("{\"model\":\"nope\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 404, "not_found_error", "model 'nope' not found")]
    [InlineData("{\"model\":\"tiny\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"http://x\"}}]}]}",
        400, "invalid_request_error", "invalid image source type: url. Only base64 images are supported.")]
    [InlineData("{\"model\":\"tiny\",\"max_tokens\":5,\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"name\":\"f\",\"input\":{}}]}]}",
        400, "invalid_request_error", "tool_use block missing required 'id' field")]
    public async Task ErrorsUseAnthropicsShape(string body, int status, string type, string message)
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/v1/messages", body);
        Assert.Equal(status, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal(type, error.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(message, error.GetProperty("error").GetProperty("message").GetString());
        Assert.StartsWith("req_", error.GetProperty("request_id").GetString());
    }

    private static async Task<JsonElement> PostJsonAsync(ServerHarness server, string body, string path = "/v1/messages")
    {
        var response = await server.PostAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static List<(string Name, JsonElement Data)> ParseEvents(string stream) =>
        stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(frame =>
        {
            var lines = frame.Split('\n');
            Assert.StartsWith("event: ", lines[0]);
            Assert.StartsWith("data: ", lines[1]);
            return (lines[0]["event: ".Length..], JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement);
        }).ToList();
}
