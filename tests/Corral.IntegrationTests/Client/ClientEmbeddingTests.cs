using Corral.Contracts.Ollama;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests.Client;

/// <summary>Issue 9 acceptance 1: EmbedAsync and EmbeddingsAsync against the real server and runner.</summary>
public sealed class ClientEmbeddingTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    /// <summary>llama.embedding_length of the Llama-3 fixture.</summary>
    private const int Width = 64;

    [Fact]
    public async Task EmbedGivesOneUnitVectorPerInputAndEmbeddingsTheSameDirectionUnnormalized()
    {
        using var client = fixture.Server.NewClient();

        var embed = await client.EmbedAsync(new EmbedRequest { Model = fixture.Model, Input = new[] { "hello", "a longer second input" } });
        var legacy = await client.EmbeddingsAsync(new EmbeddingRequest { Model = fixture.Model, Prompt = "hello" });

        Assert.Equal(fixture.Model, embed.Model);
        Assert.Equal(2, embed.Embeddings.Count);
        Assert.All(embed.Embeddings, vector =>
        {
            Assert.Equal(Width, vector.Length);
            Assert.Equal(1.0, Norm(vector.Select(x => (double)x)), 3);
        });
        Assert.NotEqual(embed.Embeddings[0], embed.Embeddings[1]);
        Assert.True(embed.PromptEvalCount >= 2);
        Assert.True(embed.TotalDuration > 0);

        Assert.Equal(Width, legacy.Embedding.Count);
        var norm = Norm(legacy.Embedding);
        Assert.NotEqual(1.0, norm, 3);
        Assert.All(legacy.Embedding.Zip(embed.Embeddings[0]), pair => Assert.Equal(pair.Second, pair.First / norm, 3));
    }

    private static double Norm(IEnumerable<double> vector) => Math.Sqrt(vector.Sum(x => x * x));
}
