using Corral.Contracts.Ollama;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests.Client;

/// <summary>
/// Issue 9 acceptance 1: a token cancelled while a real stream is being read stops the enumeration with
/// <see cref="OperationCanceledException"/>, and the server goes on serving the next request.
/// </summary>
public sealed class ClientCancellationTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    [Fact]
    public async Task CancellingAfterTheFirstChatChunkStopsTheStreamAndTheServerServesTheNextRequest()
    {
        using var client = fixture.Server.NewClient();
        using var cancellation = new CancellationTokenSource();
        var request = new ChatRequest
        {
            Model = fixture.Model,
            Messages = [new Message { Role = "user", Content = "Tell me a long story" }],
            Options = GreedyOptions.Tokens(200),
        };
        var chunks = new List<ChatResponse>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in client.ChatStreamAsync(request, cancellation.Token))
            {
                chunks.Add(chunk);
                cancellation.Cancel();
            }
        });

        var only = Assert.Single(chunks);
        Assert.False(only.Done);
        var next = await client.ChatAsync(request with { Options = GreedyOptions.Tokens(3) });
        Assert.Equal(3, next.EvalCount);
        Assert.Equal("length", next.DoneReason);
        // Same greedy request: the cancelled stream's first token is the first token of this answer.
        Assert.StartsWith(only.Message.Content, next.Message.Content);
    }

    [Fact]
    public async Task CancellingBeforeTheResponseArrivesThrowsAndTheServerServesTheNextRequest()
    {
        using var client = fixture.Server.NewClient();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.GenerateAsync(new GenerateRequest { Model = fixture.Model, Prompt = "hi", Options = GreedyOptions.Tokens(3) }, cancelled.Token));

        var next = await client.GenerateAsync(new GenerateRequest { Model = fixture.Model, Prompt = "hi", Options = GreedyOptions.Tokens(3) });
        Assert.Equal(3, next.EvalCount);
    }
}
