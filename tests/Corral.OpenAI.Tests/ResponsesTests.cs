using System.Text;
using System.Text.Json;
using Corral.Server.Tests.Fakes;
using OpenAI.Responses;

namespace Corral.OpenAI.Tests;

/// <summary>The stateless <c>/v1/responses</c> subset through the official SDK's <see cref="ResponsesClient"/>, plus its raw event order.</summary>
public sealed class ResponsesTests
{
    private static readonly FunctionTool WeatherTool = ResponseTool.CreateFunctionTool("get_weather",
        BinaryData.FromString("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"), strictModeEnabled: false, "Weather");

    [Fact]
    public async Task TextResponseWithInstructionsAndUsage()
    {
        await using var server = await ServerHarness.StartAsync();
        var responses = SdkClients.For(server).GetResponsesClient();
        var options = new CreateResponseOptions("tiny", [ResponseItem.CreateUserMessageItem("Hi")]) { Instructions = "Be brief.", MaxOutputTokenCount = 9 };

        ResponseResult result = await responses.CreateResponseAsync(options);

        Assert.Equal("Hello world", result.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, result.Status);
        Assert.Equal(5, result.Usage.TotalTokenCount);
        Assert.Equal("<system>Be brief.<user>Hi[tools:0][think:False]", server.Runners.Last.Requests[0].Prompt);
        Assert.Equal(9, server.Runners.Last.Requests[0].NumPredict);
    }

    [Fact]
    public async Task StreamingDeltasAndCompletedEvent()
    {
        await using var server = await ServerHarness.StartAsync();
        var responses = SdkClients.For(server).GetResponsesClient();
        var text = new StringBuilder();
        ResponseResult? completed = null;
        await foreach (var update in await responses.CreateResponseStreamingAsync("tiny", [ResponseItem.CreateUserMessageItem("Hi")]))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
            }
            if (update is StreamingResponseCompletedUpdate done)
            {
                completed = done.Response;
            }
        }
        Assert.Equal("Hello world", text.ToString());
        Assert.Equal("Hello world", completed!.GetOutputText());
    }

    [Fact]
    public async Task FunctionCallRoundTrip()
    {
        await using var server = await ServerHarness.StartAsync(runner: runner => runner.Words = ["[C:get_weather]"]);
        var responses = SdkClients.For(server).GetResponsesClient();
        List<ResponseItem> input = [ResponseItem.CreateUserMessageItem("Weather in Oslo?")];
        var first = await responses.CreateResponseAsync(new CreateResponseOptions("thinker", input) { Tools = { WeatherTool } });

        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(first.Value.OutputItems));
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("call_test0000", call.CallId);

        input.Add(call);
        input.Add(ResponseItem.CreateFunctionCallOutputItem(call.CallId, "-3C"));
        server.Runners.Last.Words = ["Cold"];
        var second = await responses.CreateResponseAsync(new CreateResponseOptions("thinker", input) { Tools = { WeatherTool } });

        Assert.Equal("Cold", second.Value.GetOutputText());
        Assert.Equal("<user>Weather in Oslo?<assistant><tool>-3C[tools:1][think:True]", server.Runners.Last.Requests[1].Prompt);
    }

    [Fact]
    public async Task RawEventsAreNamedAndSequenced()
    {
        await using var server = await ServerHarness.StartAsync(runner: runner => runner.Words = ["[T:hm]", "Yes"]);
        var response = await server.PostAsync("/v1/responses", "{\"model\":\"thinker\",\"input\":\"Sure?\",\"stream\":true}");
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(frame =>
        {
            var lines = frame.Split('\n');
            return (Name: lines[0]["event: ".Length..], Data: JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement);
        }).ToList();
        Assert.Equal(["response.created", "response.in_progress",
            "response.output_item.added", "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done", "response.output_item.done",
            "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.done",
            "response.content_part.done", "response.output_item.done", "response.completed"], events.Select(e => e.Name));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Data.GetProperty("sequence_number").GetInt32()));
        Assert.All(events, e => Assert.Equal(e.Name, e.Data.GetProperty("type").GetString()));
        Assert.Equal(1, events[6].Data.GetProperty("output_index").GetInt32());
    }

    [Fact]
    public async Task TextFormatJsonSchemaBecomesTheGrammar()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/v1/responses",
            "{\"model\":\"tiny\",\"input\":[{\"role\":\"developer\",\"content\":\"Rules\"},{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Go\"}]}],"
            + "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\",\"strict\":true,\"schema\":{\"type\":\"object\"}}}}");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("schema-grammar:{\"type\":\"object\"}", server.Runners.Last.Requests[0].Grammar);
        Assert.Equal("<system>Rules<user>Go[tools:0][think:False]", server.Runners.Last.Requests[0].Prompt);
    }

    [Fact]
    public async Task PreviousResponseIdIsRefusedClearly()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/v1/responses", "{\"model\":\"tiny\",\"input\":\"x\",\"previous_response_id\":\"resp_1\"}");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("previous_response_id is not supported", await response.Content.ReadAsStringAsync());
    }
}
