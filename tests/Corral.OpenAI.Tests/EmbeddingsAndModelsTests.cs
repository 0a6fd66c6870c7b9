using System.Text.Json;
using Corral.Server.Tests.Fakes;
using OpenAI.Embeddings;
using OpenAI.Models;

namespace Corral.OpenAI.Tests;

/// <summary><c>/v1/embeddings</c> and <c>/v1/models</c> through the official SDK (which asks for base64 embeddings) and raw HTTP.</summary>
public sealed class EmbeddingsAndModelsTests
{
    [Fact]
    public async Task Base64AndFloatEmbeddingsDecodeToTheSameVector()
    {
        await using var server = await ServerHarness.StartAsync();
        OpenAIEmbedding sdk = await SdkClients.For(server).GetEmbeddingClient("embedder").GenerateEmbeddingAsync("hello");

        var response = await server.PostAsync("/v1/embeddings", "{\"model\":\"embedder\",\"input\":\"hello\",\"encoding_format\":\"float\"}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var floats = body.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()).ToArray();

        Assert.Equal([0.6f, 0.8f, 0f], floats);
        Assert.Equal(floats, sdk.ToFloats().ToArray());
        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal(2, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task BatchInputKeepsOrderAndDimensionsReachTheNativeCall()
    {
        await using var server = await ServerHarness.StartAsync();
        var client = SdkClients.For(server).GetEmbeddingClient("embedder");
        OpenAIEmbeddingCollection batch = await client.GenerateEmbeddingsAsync(["a", "b", "c"], new EmbeddingGenerationOptions { Dimensions = 2 });
        Assert.Equal([0, 1, 2], batch.Select(embedding => embedding.Index));
        Assert.Equal(2, batch[0].ToFloats().Length);
    }

    [Theory]
    [InlineData("{\"model\":\"embedder\",\"input\":[]}", "invalid input")]
    [InlineData("{\"model\":\"embedder\"}", "invalid input")]
    [InlineData("{\"model\":\"embedder\",\"input\":\"x\",\"encoding_format\":\"hex\"}", "Invalid value for 'encoding_format' = hex. Supported values: ['float', 'base64'].")]
    public async Task BadEmbeddingRequestsAre400s(string body, string message)
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/v1/embeddings", body);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(message, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task ModelsListAndRetrieve()
    {
        await using var server = await ServerHarness.StartAsync();
        var models = SdkClients.For(server).GetOpenAIModelClient();
        OpenAIModelCollection all = await models.GetModelsAsync();
        Assert.Contains(all, model => model.Id == "tiny:latest" && model.OwnedBy == "library");
        Assert.Equal(4, all.Count);

        OpenAIModel one = await models.GetModelAsync("tiny");
        Assert.Equal("tiny", one.Id);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), one.CreatedAt);

        var missing = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => models.GetModelAsync("nope"));
        Assert.Equal(404, missing.Status);
    }
}
