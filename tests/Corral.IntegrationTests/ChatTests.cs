using System.Text.Json;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests;

/// <summary>/api/chat through HTTP on the real Llama-3 fixture (reference §1.3), with tool-call and thinking parsing.</summary>
public sealed class ChatTests(ChatTests.Fixture fixture) : IClassFixture<ChatTests.Fixture>
{
    private const string Options = """{"temperature":0,"seed":7,"num_predict":6}""";

    private RealServer Server => fixture.Server;

    [Fact]
    public async Task StreamsOneNdjsonLinePerPieceThenTheFinalLine()
    {
        using var response = await Server.PostStreamingAsync("api/chat",
            $$"""{"model":"{{fixture.Model}}","messages":[{"role":"user","content":"Hello"}],"options":{{Options}}}""");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = new List<JsonElement>();
        await foreach (var line in RealServer.StreamLinesAsync(response))
        {
            lines.Add(line);
            Assert.Equal(fixture.Model, line.GetProperty("model").GetString());
            Assert.Equal("assistant", line.GetProperty("message").GetProperty("role").GetString());
        }
        Assert.True(lines.Count >= 3, $"several lines before done, got {lines.Count}");
        Assert.All(lines.SkipLast(1), line => Assert.False(line.GetProperty("done").GetBoolean()));
        var final = lines[^1];
        Assert.True(final.GetProperty("done").GetBoolean());
        Assert.Equal("length", final.GetProperty("done_reason").GetString());
        Assert.Equal(6, final.GetProperty("eval_count").GetInt32());
        Assert.True(final.GetProperty("total_duration").GetInt64() > final.GetProperty("eval_duration").GetInt64());
    }

    [Fact]
    public async Task SecondTurnEvaluatesOnlyTheNewTokens()
    {
        var question = string.Join(' ', Enumerable.Repeat("Tell me a long story about the sea and the stars.", 6));
        var first = await ChatAsync($$"""[{"role":"user","content":"{{question}}"}]""");
        var firstEvaluated = first.GetProperty("prompt_eval_count").GetInt32();
        var answer = first.GetProperty("message").GetProperty("content").GetString()!;

        var second = await ChatAsync(
            $$"""[{"role":"user","content":"{{question}}"},{"role":"assistant","content":{{JsonSerializer.Serialize(answer)}}},{"role":"user","content":"Go on."}]""");

        // The first turn's prompt is cached in the runner's slot; only the answer and the new message are evaluated.
        var secondEvaluated = second.GetProperty("prompt_eval_count").GetInt32();
        Assert.True(secondEvaluated < firstEvaluated / 2, $"second turn evaluated {secondEvaluated} tokens, first {firstEvaluated}");
    }

    [Fact]
    public async Task FormatForcedToolCallIsReturnedAsToolCalls()
    {
        // The schema makes the random-weight model emit exactly a tool call in the template's JSON form, which the
        // output parser must turn into message.tool_calls instead of content (Ollama's tool parsing, §1.3).
        const string schema = """{"type":"object","properties":{"name":{"enum":["get_weather"]},"arguments":{"type":"object","properties":{"city":{"enum":["Paris"]}},"required":["city"]}},"required":["name","arguments"]}""";
        var body = """
            {"model":"MODEL","stream":false,"format":SCHEMA,"options":{"temperature":0,"seed":1,"num_predict":64},
             "messages":[{"role":"user","content":"Weather in Paris?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Get the weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}
            """.Replace("MODEL", Fixture.ToolModel, StringComparison.Ordinal).Replace("SCHEMA", schema, StringComparison.Ordinal);
        var (status, response) = await Server.PostJsonAsync("api/chat", body);
        Assert.Equal(200, status);
        var message = response.GetProperty("message");
        var toolCall = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.Matches("^call_[a-z0-9]{8}$", toolCall.GetProperty("id").GetString());
        var call = toolCall.GetProperty("function");
        Assert.Equal(0, call.GetProperty("index").GetInt32());
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal("Paris", call.GetProperty("arguments").GetProperty("city").GetString());
        // The JSON grammar allows trailing whitespace until num_predict; no text of the call leaks into content.
        Assert.Equal("", message.GetProperty("content").GetString()!.Trim());
    }

    [Fact]
    public async Task ThinkingIsSplitFromContentWhenThePromptOpensAThinkBlock()
    {
        var body = $$"""{"model":"{{Fixture.ThinkingModel}}","think":true,"stream":false,"options":{{Options}},"messages":[{"role":"user","content":"Why?"}]}""";
        var (status, response) = await Server.PostJsonAsync("api/chat", body);
        Assert.Equal(200, status);
        var message = response.GetProperty("message");
        // The prompt ends inside <think>, and the model never closes it in 6 tokens: everything is thinking.
        Assert.False(string.IsNullOrEmpty(message.GetProperty("thinking").GetString()));
        Assert.Equal("", message.GetProperty("content").GetString());

        var (plainStatus, plain) = await Server.PostJsonAsync("api/chat", body.Replace("\"think\":true", "\"think\":false"));
        Assert.Equal(200, plainStatus);
        Assert.False(plain.GetProperty("message").TryGetProperty("thinking", out _));
        Assert.NotEqual("", plain.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task CapabilitiesComeFromTheRealModel()
    {
        var (toolsStatus, tools) = await Server.PostJsonAsync("api/chat",
            $$$"""{"model":"{{{fixture.Model}}}","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}]}""");
        Assert.Equal(400, toolsStatus);
        Assert.EndsWith("does not support tools", tools.GetProperty("error").GetString());

        var (thinkStatus, think) = await Server.PostJsonAsync("api/chat",
            $$"""{"model":"{{fixture.Model}}","think":true,"messages":[{"role":"user","content":"x"}]}""");
        Assert.Equal(400, thinkStatus);
        Assert.Equal($"\"{fixture.Model}\" does not support thinking", think.GetProperty("error").GetString());
    }

    private async Task<JsonElement> ChatAsync(string messages)
    {
        var (status, body) = await Server.PostJsonAsync("api/chat",
            $$"""{"model":"{{fixture.Model}}","stream":false,"options":{{Options}},"messages":{{messages}}}""");
        Assert.Equal(200, status);
        return body;
    }

    /// <summary>The fixture model plus one with a tool template and one whose prompt opens a think block.</summary>
    public sealed class Fixture : ModelFixture
    {
        public const string ToolModel = "tools:latest";
        public const string ThinkingModel = "thinker:latest";

        // A minimal tool-calling template: tools are listed in the system turn and calls are bare JSON objects.
        private const string ToolTemplate =
            "{{- if .Tools }}Tools: {{ range .Tools }}{{ .Function.Name }} {{ end }}\n{{ end }}" +
            "{{- range .Messages }}{{ .Role }}: {{ .Content }}{{ range .ToolCalls }}{\"name\": \"{{ .Function.Name }}\", \"arguments\": {{ .Function.Arguments }}}{{ end }}\n{{ end }}assistant: ";

        // Earlier thinking is shown in <think> tags and the new answer starts inside one.
        private const string ThinkingTemplate =
            "{{- range .Messages }}{{ .Role }}: {{ if .Thinking }}<think>{{ .Thinking }}</think>{{ end }}{{ .Content }}\n{{ end }}assistant: {{ if .Think }}<think>{{ end }}";

        protected override async Task CreateModelsAsync(RealServer server)
        {
            await server.CreateModelAsync(ToolModel, TestPaths.Llama3Fixture, RealServer.SmallContext(("template", ToolTemplate)));
            await server.CreateModelAsync(ThinkingModel, TestPaths.Llama3Fixture, RealServer.SmallContext(("template", ThinkingTemplate)));
        }
    }
}
