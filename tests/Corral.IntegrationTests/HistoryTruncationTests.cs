using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests;

/// <summary>
/// Chat history longer than num_ctx loses its oldest non-system messages, counted with the real runner's
/// tokenizer (reference section 7, chatPrompt); Corral reports the drop in X-Corral-Truncated-Messages.
/// </summary>
public sealed class HistoryTruncationTests(HistoryTruncationTests.Fixture fixture) : IClassFixture<HistoryTruncationTests.Fixture>
{
    private const string Header = "X-Corral-Truncated-Messages";

    private RealServer Server => fixture.Server;

    [Fact]
    public async Task The_oldest_messages_are_dropped_the_system_and_last_are_kept_and_the_drop_is_reported()
    {
        using var response = await Server.PostAsync("api/chat", ChatBody(turns: 20, debugRenderOnly: true));
        var rendered = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("_debug_info").GetProperty("rendered_template").GetString()!;

        var dropped = int.Parse(Assert.Single(response.Headers.GetValues(Header)));
        Assert.InRange(dropped, 1, 38);
        Assert.StartsWith("system: Answer briefly.\n", rendered);
        Assert.DoesNotContain("question 0 ", rendered);
        Assert.EndsWith("user: question 19 " + Filler + "\nassistant: ", rendered);
        // Exactly the messages after the dropped ones remain: the system message and 39 others were sent; every
        // kept message is one "role: content" line, and the prompt ends with "assistant: ".
        Assert.Equal(40 - dropped, rendered.Split('\n').Count(line => line.Contains(": ", StringComparison.Ordinal)) - 1);
    }

    [Fact]
    public async Task A_truncated_chat_still_answers_within_the_context()
    {
        using var response = await Server.PostAsync("api/chat", ChatBody(turns: 20, debugRenderOnly: false));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.True(response.IsSuccessStatusCode, body.GetRawText());
        Assert.True(int.Parse(Assert.Single(response.Headers.GetValues(Header))) > 0);
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.InRange(body.GetProperty("prompt_eval_count").GetInt32(), 1, 256);
    }

    [Fact]
    public async Task A_short_chat_and_truncate_false_keep_every_message_and_send_no_header()
    {
        using var shortChat = await Server.PostAsync("api/chat", ChatBody(turns: 1, debugRenderOnly: true));
        using var untruncated = await Server.PostAsync("api/chat", ChatBody(turns: 20, debugRenderOnly: true, truncate: false));

        Assert.False(shortChat.Headers.Contains(Header));
        Assert.False(untruncated.Headers.Contains(Header));
        var rendered = JsonDocument.Parse(await untruncated.Content.ReadAsStringAsync()).RootElement
            .GetProperty("_debug_info").GetProperty("rendered_template").GetString()!;
        Assert.Contains("question 0 ", rendered);
    }

    private const string Filler = "about the long history of the sea, the stars and the mountains";

    private string ChatBody(int turns, bool debugRenderOnly, bool? truncate = null)
    {
        var messages = new JsonArray { new JsonObject { ["role"] = "system", ["content"] = "Answer briefly." } };
        for (var i = 0; i < turns; i++)
        {
            if (i > 0)
            {
                messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = $"answer {i - 1} {Filler}" });
            }
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = $"question {i} {Filler}" });
        }
        var body = new JsonObject
        {
            ["model"] = fixture.Model,
            ["stream"] = false,
            ["messages"] = messages,
            ["options"] = new JsonObject { ["temperature"] = 0, ["num_predict"] = 4 },
            ["_debug_render_only"] = debugRenderOnly,
        };
        if (truncate is { } value)
        {
            body["truncate"] = value;
        }
        return body.ToJsonString();
    }

    public sealed class Fixture : ModelFixture
    {
        private const string Template = "{{- range .Messages }}{{ .Role }}: {{ .Content }}\n{{ end }}assistant: ";

        public new string Model => "history:latest";

        protected override Task CreateModelsAsync(RealServer server) =>
            server.CreateModelAsync(Model, TestPaths.Llama3Fixture, RealServer.SmallContext(("template", Template)));
    }
}
