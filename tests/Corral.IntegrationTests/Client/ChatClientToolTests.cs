using System.ComponentModel;
using Corral.Client.AI;
using Microsoft.Extensions.AI;

namespace Corral.IntegrationTests.Client;

/// <summary>
/// Issue 9 acceptance 3: a chat with a tool through Microsoft.Extensions.AI (<see cref="FunctionInvokingChatClient"/>
/// over <see cref="CorralChatClient"/>) against the real server: the model's output is parsed into a call, the
/// function runs, its result goes back, and the model answers.
/// </summary>
public sealed class ChatClientToolTests(ScriptedToolModelFixture fixture) : IClassFixture<ScriptedToolModelFixture>
{
    private const string Weather = "18 degrees and sunny";

    private readonly List<string> _cities = [];

    [Fact]
    public async Task FunctionInvocationRunsTheToolTheModelCalledAndReturnsTheModelsAnswer()
    {
        using var corral = fixture.Server.NewClient();
        using var chat = WithFunctionInvocation(corral);

        var response = await chat.GetResponseAsync("What is the weather in Paris?", Options());

        AssertRoundTrip(response);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task StreamingFunctionInvocationRunsTheToolAndStreamsTheAnswer()
    {
        using var corral = fixture.Server.NewClient();
        using var chat = WithFunctionInvocation(corral);

        var updates = await chat.GetStreamingResponseAsync("What is the weather in Paris?", Options()).ToListAsync();

        Assert.True(updates.Count(update => update.Text.Length > 0) > 1, "the answer arrives in several chunks");
        AssertRoundTrip(updates.ToChatResponse());
    }

    [Description("Gets the current weather for a city.")]
    private string GetWeather([Description("The city.")] string city)
    {
        _cities.Add(city);
        return Weather;
    }

    private IChatClient WithFunctionInvocation(Corral.Client.CorralClient corral) =>
        new CorralChatClient(corral, ScriptedToolModelFixture.ToolModel).AsBuilder().UseFunctionInvocation().Build();

    // Greedy decoding: the scripted model's chosen token wins outright only without sampling.
    private ChatOptions Options() => new()
    {
        Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")],
        Temperature = 0,
        MaxOutputTokens = 64,
    };

    private void AssertRoundTrip(ChatResponse response)
    {
        Assert.Equal(["Paris"], _cities);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", call.Arguments!["city"]?.ToString());
        Assert.StartsWith("call_", call.CallId);
        var result = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Equal(call.CallId, result.CallId);
        Assert.Equal(Weather, result.Result?.ToString());
        // The call was taken out of the output: the only text is the answer that followed the tool result.
        Assert.Equal(ScriptedToolModelFixture.Answer, response.Text);
        Assert.Equal(ChatRole.Assistant, response.Messages[^1].Role);
    }
}
