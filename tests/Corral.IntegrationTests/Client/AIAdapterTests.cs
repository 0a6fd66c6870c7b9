using System.Text.Json;
using Corral.Client.AI;
using Corral.Contracts.Ollama;
using Corral.IntegrationTests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Corral.IntegrationTests.Client;

/// <summary>
/// The Microsoft.Extensions.AI adapters against the real server: <see cref="CorralChatClient"/> streaming and with
/// a response format, <see cref="CorralEmbeddingGenerator"/> giving the native API's vectors.
/// </summary>
public sealed class AIAdapterTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    [Fact]
    public async Task StreamingUpdatesAddUpToTheWholeResponse()
    {
        using var corral = fixture.Server.NewClient();
        using IChatClient chat = new CorralChatClient(corral, fixture.Model);
        var options = new ChatOptions { Temperature = 0, Seed = 42, MaxOutputTokens = 8 };

        var whole = await chat.GetResponseAsync("Hello there", options);
        var updates = await chat.GetStreamingResponseAsync("Hello there", options).ToListAsync();

        Assert.NotEmpty(whole.Text);
        Assert.Equal(whole.Text, string.Concat(updates.Select(update => update.Text)));
        Assert.Equal(ChatFinishReason.Length, whole.FinishReason);
        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
        Assert.Equal(8, whole.Usage!.OutputTokenCount);
        Assert.True(whole.Usage.InputTokenCount > 0);
        Assert.Equal(fixture.Model, whole.ModelId);
    }

    [Fact]
    public async Task AJsonSchemaResponseFormatConstrainsTheAnswer()
    {
        using var corral = fixture.Server.NewClient();
        using IChatClient chat = new CorralChatClient(corral, fixture.Model);
        var schema = JsonElement.Parse("""{"type":"object","properties":{"ok":{"type":"boolean"},"n":{"type":"integer"}},"required":["ok","n"]}""");

        var response = await chat.GetResponseAsync("Answer in JSON",
            new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema), Temperature = 0, MaxOutputTokens = 48 });

        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var answer = JsonElement.Parse(response.Text);
        Assert.True(answer.GetProperty("ok").ValueKind is JsonValueKind.True or JsonValueKind.False);
        Assert.Equal(JsonValueKind.Number, answer.GetProperty("n").ValueKind);
    }

    [Fact]
    public async Task TheEmbeddingGeneratorGivesTheVectorsOfTheEmbedEndpoint()
    {
        using var corral = fixture.Server.NewClient();
        using IEmbeddingGenerator<string, Embedding<float>> generator = new CorralEmbeddingGenerator(corral, fixture.Model);
        string[] inputs = ["hello", "a longer second input"];

        var generated = await generator.GenerateAsync(inputs);
        var native = await corral.EmbedAsync(new EmbedRequest { Model = fixture.Model, Input = inputs });

        Assert.Equal(2, generated.Count);
        Assert.Equal(native.Embeddings[0], generated[0].Vector.ToArray());
        Assert.Equal(native.Embeddings[1], generated[1].Vector.ToArray());
        Assert.Equal(fixture.Model, generated[0].ModelId);
        Assert.Equal(native.PromptEvalCount, generated.Usage!.InputTokenCount);
    }
}
