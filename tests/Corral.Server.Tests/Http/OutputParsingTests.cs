using System.Text.Json;
using Corral.Server.Tests.Fakes;

namespace Corral.Server.Tests.Http;

/// <summary>Thinking and tool calls from the output parser land in Ollama's fields; held-back chunks are suppressed.</summary>
public sealed class OutputParsingTests
{
    private const string ChatWithTools = "{\"model\":\"thinker\",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]";

    private static void Script(FakeRunner runner) => runner.Words = ["[T:hmm]", "[H]", "Blue", "[C:get_weather]"];

    [Fact]
    public async Task ChatStreamRoutesThinkingContentAndToolCalls()
    {
        await using var server = await ServerHarness.StartAsync(runner: Script);
        var response = await server.PostAsync("/api/chat", ChatWithTools + "}");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("message")).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal("hmm", lines[0].GetProperty("thinking").GetString());
        Assert.Equal("Blue", lines[1].GetProperty("content").GetString());
        Assert.Equal("{\"id\":\"call_test0000\",\"function\":{\"index\":0,\"name\":\"get_weather\",\"arguments\":{}}}",
            lines[2].GetProperty("tool_calls")[0].GetRawText());
        Assert.Equal("[tools:1][think:True]", server.Runners.Last.Requests[0].Prompt[^21..]);
    }

    [Fact]
    public async Task ChatNonStreamCarriesEverythingInOneMessage()
    {
        await using var server = await ServerHarness.StartAsync(runner: Script);
        var response = await server.PostAsync("/api/chat", ChatWithTools + ",\"stream\":false}");
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message");
        Assert.Equal("Blue", message.GetProperty("content").GetString());
        Assert.Equal("hmm", message.GetProperty("thinking").GetString());
        Assert.Equal("get_weather", message.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task GenerateOnThinkingModelThinksByDefault()
    {
        await using var server = await ServerHarness.StartAsync(runner: Script);
        var response = await server.PostAsync("/api/generate", "{\"model\":\"thinker\",\"prompt\":\"hi\",\"stream\":false}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("hmm", body.GetProperty("thinking").GetString());
        Assert.Equal("Blue", body.GetProperty("response").GetString());

        var off = await server.PostAsync("/api/generate", "{\"model\":\"thinker\",\"prompt\":\"hi\",\"think\":false,\"stream\":false}");
        Assert.Contains("[T:hmm]", await off.Content.ReadAsStringAsync());
    }
}
