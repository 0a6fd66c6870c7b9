using System.Text;
using System.Text.Json;
using Corral.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace Corral.OpenAI.Tests.RealModel;

/// <summary>The compatibility APIs on a real model through real runner processes: same answers as the native API, a tool round trip.</summary>
public sealed class RealModelCompatibilityTests(RealModelFixture fixture) : IClassFixture<RealModelFixture>
{
    private RealServer Server => fixture.Server;

    [Fact]
    public async Task ChatCompletionsAnswersExactlyLikeApiChat()
    {
        var (status, native) = await Server.PostJsonAsync("api/chat",
            $$"""{"model":"{{fixture.Model}}","stream":false,"options":{"temperature":0,"seed":11,"top_p":1,"num_predict":8},"messages":[{"role":"user","content":"Name a color."}]}""");
        Assert.Equal(200, status);
        var expected = native.GetProperty("message").GetProperty("content").GetString();
        Assert.False(string.IsNullOrEmpty(expected));

        var chat = fixture.Sdk.GetChatClient(fixture.Model);
        var options = new ChatCompletionOptions { Temperature = 0, Seed = 11, TopP = 1, MaxOutputTokenCount = 8 };
        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Name a color.")], options);
        Assert.Equal(expected, completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(8, completion.Usage.OutputTokenCount);

        var streamed = new StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Name a color.")], options))
        {
            streamed.Append(string.Concat(update.ContentUpdate.Select(part => part.Text)));
        }
        Assert.Equal(expected, streamed.ToString());
    }

    [Fact]
    public async Task LogprobsComeBackPerTokenWithAlternatives()
    {
        var chat = fixture.Sdk.GetChatClient(fixture.Model);
        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hi")],
            new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 4, IncludeLogProbabilities = true, TopLogProbabilityCount = 2 });
        Assert.Equal(4, completion.ContentTokenLogProbabilities.Count);
        Assert.Equal(completion.Content[0].Text, string.Concat(completion.ContentTokenLogProbabilities.Select(token => token.Token)));
        Assert.All(completion.ContentTokenLogProbabilities, token =>
        {
            Assert.True(token.LogProbability <= 0);
            Assert.Equal(2, token.TopLogProbabilities.Count);
        });
    }

    [Fact]
    public async Task ToolCallRoundTripThroughTheSdk()
    {
        // The schema forces the random-weight model to write exactly the template's tool-call JSON.
        const string schema = """{"type":"object","properties":{"name":{"enum":["get_weather"]},"arguments":{"type":"object","properties":{"city":{"enum":["Paris"]}},"required":["city"]}},"required":["name","arguments"]}""";
        var chat = fixture.Sdk.GetChatClient(RealModelFixture.ToolModel);
        var tool = ChatTool.CreateFunctionTool("get_weather", "Get the weather",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
        var options = new ChatCompletionOptions
        {
            Temperature = 0, Seed = 1, MaxOutputTokenCount = 64, Tools = { tool },
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("call", BinaryData.FromString(schema), jsonSchemaIsStrict: true),
        };
        List<ChatMessage> messages = [new UserChatMessage("Weather in Paris?")];

        ChatCompletion first = await chat.CompleteChatAsync(messages, options);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.StartsWith("call_", call.Id);
        Assert.Equal("Paris", JsonDocument.Parse(call.FunctionArguments).RootElement.GetProperty("city").GetString());

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, "18 degrees and sunny"));
        ChatCompletion second = await chat.CompleteChatAsync(messages,
            new ChatCompletionOptions { Temperature = 0, Seed = 1, MaxOutputTokenCount = 6, Tools = { tool } });
        Assert.Equal(ChatMessageRole.Assistant, second.Role);
        Assert.Equal(6, second.Usage.OutputTokenCount);
        // The second prompt carries the call and its result: many more prompt tokens than the first turn.
        Assert.True(second.Usage.InputTokenCount > first.Usage.InputTokenCount);
    }

    [Fact]
    public async Task AnthropicStreamMatchesApiChatText()
    {
        var (_, native) = await Server.PostJsonAsync("api/chat",
            $$"""{"model":"{{fixture.Model}}","stream":false,"options":{"temperature":0,"num_predict":6},"messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"}]}""");
        // Anthropic has no seed; temperature 0 is greedy decoding on both sides.
        using var response = await Server.PostAsync("v1/messages",
            $$"""{"model":"{{fixture.Model}}","max_tokens":6,"temperature":0,"stream":true,"metadata":{"user_id":"x"},"messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"}]}""");
        var frames = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var names = frames.Select(frame => frame.Split('\n')[0]["event: ".Length..]).ToList();
        Assert.Equal(["message_start", "content_block_start"], names.Take(2));
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], names.TakeLast(3));
        var text = string.Concat(frames.Select(frame => JsonDocument.Parse(frame.Split('\n')[1]["data: ".Length..]).RootElement)
            .Where(data => data.GetProperty("type").GetString() == "content_block_delta")
            .Select(data => data.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal(native.GetProperty("message").GetProperty("content").GetString(), text);
    }

    [Fact]
    public async Task EmbeddingsMatchApiEmbedInFloatAndBase64()
    {
        var (_, native) = await Server.PostJsonAsync("api/embed", $$"""{"model":"{{fixture.Model}}","input":["hello","world"]}""");
        var expected = native.GetProperty("embeddings").EnumerateArray()
            .Select(vector => vector.EnumerateArray().Select(value => value.GetSingle()).ToArray()).ToList();

        // The SDK asks for base64 and decodes the little-endian floats itself.
        var embeddings = await fixture.Sdk.GetEmbeddingClient(fixture.Model).GenerateEmbeddingsAsync(["hello", "world"]);
        Assert.Equal(expected, embeddings.Value.Select(embedding => embedding.ToFloats().ToArray()));

        var (status, floats) = await Server.PostJsonAsync("v1/embeddings",
            $$"""{"model":"{{fixture.Model}}","input":["hello","world"],"encoding_format":"float"}""");
        Assert.Equal(200, status);
        Assert.Equal(expected, floats.GetProperty("data").EnumerateArray()
            .Select(item => item.GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()).ToArray()));
    }

    [Fact]
    public async Task ModelsListTheStore()
    {
        var models = await fixture.Sdk.GetOpenAIModelClient().GetModelsAsync();
        Assert.Equal([RealModelFixture.ThinkingModel, fixture.Model, RealModelFixture.ToolModel], models.Value.Select(model => model.Id).Order());
        Assert.All(models.Value, model => Assert.Equal("library", model.OwnedBy));
        var one = await fixture.Sdk.GetOpenAIModelClient().GetModelAsync(RealModelFixture.ToolModel);
        Assert.True(one.Value.CreatedAt > DateTimeOffset.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task ThinkingArrivesAsReasoningAndAsAnthropicThinkingBlocks()
    {
        var (status, chat) = await Server.PostJsonAsync("v1/chat/completions",
            $$"""{"model":"{{RealModelFixture.ThinkingModel}}","reasoning_effort":"high","max_tokens":6,"temperature":0,"messages":[{"role":"user","content":"Why?"}]}""");
        Assert.Equal(200, status);
        Assert.False(string.IsNullOrEmpty(chat.GetProperty("choices")[0].GetProperty("message").GetProperty("reasoning").GetString()));

        using var response = await Server.PostAsync("v1/messages",
            $$"""{"model":"{{RealModelFixture.ThinkingModel}}","max_tokens":6,"temperature":0,"stream":true,"thinking":{"type":"enabled","budget_tokens":100},"messages":[{"role":"user","content":"Why?"}]}""");
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(frame => JsonDocument.Parse(frame.Split('\n')[1]["data: ".Length..]).RootElement).ToList();
        Assert.Equal("thinking", events[1].GetProperty("content_block").GetProperty("type").GetString());
        Assert.Contains(events, data => data.GetProperty("type").GetString() == "content_block_delta"
            && data.GetProperty("delta").GetProperty("type").GetString() == "thinking_delta");
        Assert.Equal("max_tokens", events[^2].GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task CountTokensUsesTheModelsTokenizer()
    {
        var (shortStatus, shortCount) = await Server.PostJsonAsync("v1/messages/count_tokens",
            $$"""{"model":"{{fixture.Model}}","messages":[{"role":"user","content":"Hi"}]}""");
        var (_, longCount) = await Server.PostJsonAsync("v1/messages/count_tokens",
            $$"""{"model":"{{fixture.Model}}","messages":[{"role":"user","content":"Hi there, tell me about the weather in Paris today"}]}""");
        Assert.Equal(200, shortStatus);
        var shortTokens = shortCount.GetProperty("input_tokens").GetInt32();
        Assert.True(shortTokens > 1);
        Assert.True(longCount.GetProperty("input_tokens").GetInt32() > shortTokens + 5);
    }
}
