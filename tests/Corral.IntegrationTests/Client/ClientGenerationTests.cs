using Corral.Contracts.Ollama;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests.Client;

/// <summary>
/// Issue 9 acceptance 1: <see cref="Corral.Client.CorralClient"/> generate and chat, streaming and not, against the
/// real server and a real runner; greedy sampling makes the streamed chunks comparable with the whole answer.
/// </summary>
public sealed class ClientGenerationTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    private const int Tokens = 8;

    [Fact]
    public async Task GenerateStreamChunksAddUpToTheWholeAnswer()
    {
        using var client = fixture.Server.NewClient();
        var request = new GenerateRequest { Model = fixture.Model, Prompt = "Hello there", Options = GreedyOptions.Tokens(Tokens) };

        var whole = await client.GenerateAsync(request);
        var chunks = await client.GenerateStreamAsync(request).ToListAsync();

        Assert.True(chunks.Count >= 2, "a streamed answer has token chunks before the final one");
        Assert.All(chunks.SkipLast(1), chunk => Assert.False(chunk.Done));
        Assert.NotEmpty(whole.Response);
        Assert.Equal(whole.Response, string.Concat(chunks.Select(chunk => chunk.Response)));
        foreach (var final in new[] { whole, chunks[^1] })
        {
            Assert.True(final.Done);
            Assert.Equal("length", final.DoneReason);
            Assert.Equal(fixture.Model, final.Model);
            Assert.Equal(Tokens, final.EvalCount);
            Assert.True(final.PromptEvalCount > 0);
            Assert.InRange(final.EvalDuration, 1, final.TotalDuration);
            Assert.NotEmpty(final.Context!);
        }
    }

    [Fact]
    public async Task ChatStreamChunksAddUpToTheWholeAnswer()
    {
        using var client = fixture.Server.NewClient();
        var request = new ChatRequest
        {
            Model = fixture.Model,
            Messages = [new Message { Role = "system", Content = "Be brief." }, new Message { Role = "user", Content = "Hello there" }],
            Options = GreedyOptions.Tokens(Tokens),
        };

        var whole = await client.ChatAsync(request);
        var chunks = await client.ChatStreamAsync(request).ToListAsync();

        Assert.True(chunks.Count >= 2, "a streamed answer has token chunks before the final one");
        Assert.All(chunks, chunk => Assert.Equal("assistant", chunk.Message.Role));
        Assert.NotEmpty(whole.Message.Content);
        Assert.Equal(whole.Message.Content, string.Concat(chunks.Select(chunk => chunk.Message.Content)));
        foreach (var final in new[] { whole, chunks[^1] })
        {
            Assert.True(final.Done);
            Assert.Equal("length", final.DoneReason);
            Assert.Equal(Tokens, final.EvalCount);
            Assert.True(final.PromptEvalCount > 0);
            Assert.InRange(final.EvalDuration, 1, final.TotalDuration);
        }
    }

    [Fact]
    public async Task StreamFalseThroughTheStreamingMethodGivesOneWholeResponse()
    {
        using var client = fixture.Server.NewClient();

        var only = Assert.Single(await client.GenerateStreamAsync(new GenerateRequest
        {
            Model = fixture.Model, Prompt = "Hello there", Stream = false, Options = GreedyOptions.Tokens(3),
        }).ToListAsync());

        Assert.True(only.Done);
        Assert.Equal(3, only.EvalCount);
        Assert.NotEmpty(only.Response);
    }
}
