using System.ClientModel;
using System.Text;
using System.Text.Json;
using Corral.Server.Tests.Fakes;
using OpenAI.Chat;

namespace Corral.OpenAI.Tests;

/// <summary><c>/v1/chat/completions</c> through the official OpenAI SDK on a real Kestrel server with a scripted runner.</summary>
public sealed class ChatCompletionsTests
{
    private static readonly ChatTool WeatherTool = ChatTool.CreateFunctionTool("get_weather", "Weather for a city",
        BinaryData.FromString("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));

    [Fact]
    public async Task NonStreamAnswersWithContentFinishReasonAndUsage()
    {
        await using var server = await ServerHarness.StartAsync();
        var chat = SdkClients.For(server).GetChatClient("tiny");

        ChatCompletion completion = await chat.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("Hi")],
            new ChatCompletionOptions { Temperature = 0, Seed = 42, MaxOutputTokenCount = 7, StopSequences = { "END" }, TopP = 0.5f });

        Assert.Equal("Hello world", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.StartsWith("chatcmpl-", completion.Id);
        Assert.Equal(3, completion.Usage.InputTokenCount);
        Assert.Equal(2, completion.Usage.OutputTokenCount);
        var sent = server.Runners.Last.Requests[0];
        Assert.Equal("<system>Be brief.<user>Hi[tools:0][think:False]", sent.Prompt);
        Assert.Equal(0f, sent.Sampling.Temperature);
        Assert.Equal(0.5f, sent.Sampling.TopP);
        Assert.Equal(42, sent.Sampling.Seed);
        Assert.Equal(7, sent.NumPredict);
        Assert.Equal(["END"], sent.Stop);
    }

    [Fact]
    public async Task PenaltiesAndLogprobsReachTheRunner()
    {
        await using var server = await ServerHarness.StartAsync();
        await SdkClients.For(server).GetChatClient("tiny").CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions
        {
            FrequencyPenalty = 0.5f, PresencePenalty = 0.25f, IncludeLogProbabilities = true, TopLogProbabilityCount = 3, MaxOutputTokenCount = 4,
        });
        var sent = server.Runners.Last.Requests[0];
        Assert.Equal(0.5f, sent.Sampling.FrequencyPenalty);
        Assert.Equal(0.25f, sent.Sampling.PresencePenalty);
        Assert.True(sent.Logprobs);
        Assert.Equal(3, sent.TopLogprobs);
        Assert.Equal(4, sent.NumPredict);
    }

    [Fact]
    public async Task AbsentTemperatureAndTopPDefaultToOne()
    {
        await using var server = await ServerHarness.StartAsync();
        await SdkClients.For(server).GetChatClient("tiny").CompleteChatAsync(new UserChatMessage("Hi"));
        Assert.Equal(1f, server.Runners.Last.Requests[0].Sampling.Temperature);
        Assert.Equal(1f, server.Runners.Last.Requests[0].Sampling.TopP);
    }

    [Fact]
    public async Task StreamDeliversDeltasFinishReasonAndUsage()
    {
        await using var server = await ServerHarness.StartAsync();
        var chat = SdkClients.For(server).GetChatClient("tiny");
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var updates = 0;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hi")]))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }
        Assert.Equal("Hello world", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(5, usage!.TotalTokenCount);
        Assert.True(updates >= 4, $"expected a chunk per word plus finish and usage chunks, got {updates}");
    }

    [Fact]
    public async Task RawStreamFramesFollowOpenAIsOrder()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/v1/chat/completions",
            "{\"model\":\"tiny\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var frames = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(frames, frame => Assert.StartsWith("data: ", frame));
        Assert.Equal("data: [DONE]", frames[^1]);
        var chunks = frames[..^1].Select(frame => JsonDocument.Parse(frame["data: ".Length..]).RootElement).ToList();
        Assert.Single(chunks.Select(chunk => chunk.GetProperty("id").GetString()).Distinct());
        Assert.Single(chunks.Select(chunk => chunk.GetProperty("created").GetInt64()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.False(chunks[1].GetProperty("choices")[0].GetProperty("delta").TryGetProperty("role", out _));
        var finish = chunks[^2].GetProperty("choices")[0];
        Assert.Equal("{}", finish.GetProperty("delta").GetRawText());
        Assert.Equal("stop", finish.GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(3, chunks[^1].GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task ClosingTheStreamCancelsTheRunner()
    {
        var gate = new TaskCompletionSource();
        await using var server = await ServerHarness.StartAsync(runner: runner => runner.Gate = gate);
        var response = await server.PostStreamingAsync("/v1/chat/completions",
            "{\"model\":\"tiny\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith("data: ", await reader.ReadLineAsync());
        response.Dispose();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.Runners.Last.Cancellations == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal(1, server.Runners.Last.Cancellations);
    }

    [Fact]
    public async Task ToolCallRoundTrip()
    {
        await using var server = await ServerHarness.StartAsync(runner: runner => runner.Words = ["[C:get_weather]"]);
        var chat = SdkClients.For(server).GetChatClient("thinker");
        var options = new ChatCompletionOptions { Tools = { WeatherTool } };
        List<ChatMessage> messages = [new UserChatMessage("Weather in Tokyo?")];

        ChatCompletion first = await chat.CompleteChatAsync(messages, options);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("call_test0000", call.Id);
        Assert.Equal("{}", call.FunctionArguments.ToString());

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, "11 degrees"));
        server.Runners.Last.Words = ["Eleven", " degrees"];
        ChatCompletion second = await chat.CompleteChatAsync(messages, options);

        Assert.Equal("Eleven degrees", second.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal("<user>Weather in Tokyo?<assistant><tool>11 degrees[tools:1][think:True]", server.Runners.Last.Requests[1].Prompt);
    }

    [Fact]
    public async Task StreamedToolCallArrivesAsDeltaWithToolCallsFinish()
    {
        await using var server = await ServerHarness.StartAsync(runner: runner => runner.Words = ["[T:plan]", "[C:get_weather]"]);
        var chat = SdkClients.For(server).GetChatClient("thinker");
        var names = new List<string>();
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Weather?")],
            new ChatCompletionOptions { Tools = { WeatherTool }, ToolChoice = ChatToolChoice.CreateFunctionChoice("get_weather") }))
        {
            names.AddRange(update.ToolCallUpdates.Select(tool => tool.FunctionName));
            finish ??= update.FinishReason;
        }
        Assert.Equal(["get_weather"], names);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Fact]
    public async Task ToolChoiceNoneOffersNoTools()
    {
        await using var server = await ServerHarness.StartAsync();
        await SdkClients.For(server).GetChatClient("thinker").CompleteChatAsync([new UserChatMessage("Hi")],
            new ChatCompletionOptions { Tools = { WeatherTool }, ToolChoice = ChatToolChoice.CreateNoneChoice() });
        Assert.Contains("[tools:0]", server.Runners.Last.Requests[0].Prompt);
    }

    [Fact]
    public async Task StructuredOutputReachesTheRunnerAsASchemaGrammar()
    {
        await using var server = await ServerHarness.StartAsync();
        var format = ChatResponseFormat.CreateJsonSchemaFormat("city", BinaryData.FromString("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}"),
            jsonSchemaIsStrict: true);
        await SdkClients.For(server).GetChatClient("tiny").CompleteChatAsync([new UserChatMessage("A city")], new ChatCompletionOptions { ResponseFormat = format });
        Assert.Equal("schema-grammar:{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}", server.Runners.Last.Requests[0].Grammar);

        await SdkClients.For(server).GetChatClient("tiny").CompleteChatAsync([new UserChatMessage("JSON")],
            new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() });
        Assert.Equal("json-grammar", server.Runners.Last.Requests[1].Grammar);
    }

    [Fact]
    public async Task ReasoningEffortMapsToThinkAndReasoningComesBack()
    {
        await using var server = await ServerHarness.StartAsync(runner: runner => runner.Words = ["[T:hmm]", "Blue"]);
        var response = await server.PostAsync("/v1/chat/completions",
            "{\"model\":\"thinker\",\"reasoning_effort\":\"none\",\"messages\":[{\"role\":\"user\",\"content\":\"Sky?\"}]}");
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.EndsWith("[think:False]", server.Runners.Last.Requests[0].Prompt);
        Assert.Equal("[T:hmm]Blue", message.GetProperty("content").GetString());

        response = await server.PostAsync("/v1/chat/completions",
            "{\"model\":\"thinker\",\"reasoning_effort\":\"high\",\"messages\":[{\"role\":\"user\",\"content\":\"Sky?\"}]}");
        message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("Blue", message.GetProperty("content").GetString());
        Assert.Equal("hmm", message.GetProperty("reasoning").GetString());
    }

    [Fact]
    public async Task ContentPartsAndDataUrlImagesBecomeNativeMessages()
    {
        await using var server = await ServerHarness.StartAsync();
        // Only a model with a projector takes images (server tests check the tags and images the runner gets).
        server.Catalog.Replace("tiny", model => model with { ProjectorPaths = ["/blobs/tiny-mmproj"] });
        var image = ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes([1, 2, 3]), "image/png");
        await SdkClients.For(server).GetChatClient("tiny").CompleteChatAsync(
            new UserChatMessage(ChatMessageContentPart.CreateTextPart("What is"), image, ChatMessageContentPart.CreateTextPart("this?")));
        Assert.Equal("<user>What is<user><user>this?[tools:0][think:False]", server.Runners.Last.Requests[0].Prompt);
    }

    [Theory]
    [InlineData("{\"model\":\"tiny\",\"messages\":[]}", 400, "[] is too short - 'messages'")]
    [InlineData("{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 404, "model 'nope' not found")]
    [InlineData("{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}]}", 400,
        "image URLs are not currently supported, please use base64 encoded data instead")]
    [InlineData("{\"model\":\"tiny\",\"reasoning_effort\":\"huge\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 400,
        "invalid reasoning value: \"huge\" (must be \"minimal\", \"low\", \"medium\", \"high\", \"xhigh\", \"ultra\", \"max\", or \"none\")")]
    [InlineData("{\"model\":\"tiny\",\"stop\":[1],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 400, "invalid type for 'stop' field: number")]
    [InlineData("{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\"}]}", 400, "invalid message content type: <nil>")]
    [InlineData("{\"model\":", 400, null)]
    public async Task ErrorsUseOpenAIsShapeAndStatus(string body, int status, string? message)
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/v1/chat/completions", body);
        Assert.Equal(status, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(status == 404 ? "not_found_error" : "invalid_request_error", error.GetProperty("type").GetString());
        if (message is not null)
        {
            Assert.Equal(message, error.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task SdkSurfacesErrorsAsClientResultExceptions()
    {
        await using var server = await ServerHarness.StartAsync();
        var failure = await Assert.ThrowsAsync<ClientResultException>(() => SdkClients.For(server).GetChatClient("missing").CompleteChatAsync(new UserChatMessage("x")));
        Assert.Equal(404, failure.Status);
        Assert.Contains("model 'missing' not found", failure.Message);
    }
}
