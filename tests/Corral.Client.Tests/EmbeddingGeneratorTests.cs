using Corral.Client.AI;
using Microsoft.Extensions.AI;

namespace Corral.Client.Tests;

[Collection(ServerCollection.Name)]
public sealed class EmbeddingGeneratorTests(ScriptedServerFixture server)
{
    [Fact]
    public async Task Generates_one_embedding_per_input_in_one_request()
    {
        var script = server.NewScript().Reply(200,
            """{"model":"all-minilm","embeddings":[[0.6,0.8],[0,1]],"total_duration":100,"load_duration":10,"prompt_eval_count":4}""");
        using var corral = new CorralClient(script.BaseUri);
        IEmbeddingGenerator<string, Embedding<float>> generator = new CorralEmbeddingGenerator(corral, "all-minilm");

        var embeddings = await generator.GenerateAsync(["cat", "dog"], new EmbeddingGenerationOptions { Dimensions = 2 });

        Assert.Equal("""{"model":"all-minilm","input":["cat","dog"],"dimensions":2}""", Assert.Single(script.Requests).BodyText);
        Assert.Equal(2, embeddings.Count);
        Assert.Equal([0.6f, 0.8f], embeddings[0].Vector.ToArray());
        Assert.Equal("all-minilm", embeddings[1].ModelId);
        Assert.Equal(4, embeddings.Usage?.InputTokenCount);
    }
}
