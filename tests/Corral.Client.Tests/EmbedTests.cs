using Corral.Contracts.Ollama;

namespace Corral.Client.Tests;

[Collection(ServerCollection.Name)]
public sealed class EmbedTests(ScriptedServerFixture server)
{
    [Fact]
    public async Task EmbedAsync_sends_inputs_and_reads_vectors()
    {
        var script = server.NewScript().Reply(200,
            """{"model":"all-minilm","embeddings":[[0.6,0.8],[1,0]],"total_duration":14143917,"load_duration":1019500,"prompt_eval_count":8}""");
        using var client = new CorralClient(script.BaseUri);

        var response = await client.EmbedAsync(new EmbedRequest { Model = "all-minilm", Input = new[] { "a", "b" }, Dimensions = 2, Truncate = false });

        var request = Assert.Single(script.Requests);
        Assert.Equal(("/api/embed", """{"model":"all-minilm","input":["a","b"],"truncate":false,"dimensions":2}"""), (request.Path, request.BodyText));
        Assert.Equal([0.6f, 0.8f], response.Embeddings[0]);
        Assert.Equal(8, response.PromptEvalCount);
    }

    [Fact]
    public async Task EmbedAsync_keeps_a_single_string_input_a_string()
    {
        var script = server.NewScript().Reply(200, """{"model":"all-minilm","embeddings":[[1,0]]}""");
        using var client = new CorralClient(script.BaseUri);

        await client.EmbedAsync(new EmbedRequest { Model = "all-minilm", Input = "hello" });

        Assert.Equal("""{"model":"all-minilm","input":"hello"}""", script.Requests[0].BodyText);
    }

    [Fact]
    public async Task EmbeddingsAsync_uses_the_legacy_endpoint()
    {
        var script = server.NewScript().Reply(200, """{"embedding":[0.5670403838157654,0.009260174818336964,0.23178744316101074]}""");
        using var client = new CorralClient(script.BaseUri);

        var response = await client.EmbeddingsAsync(new EmbeddingRequest { Model = "all-minilm", Prompt = "hi" });

        Assert.Equal(("/api/embeddings", """{"model":"all-minilm","prompt":"hi"}"""), (script.Requests[0].Path, script.Requests[0].BodyText));
        Assert.Equal(0.5670403838157654, response.Embedding[0]);
    }
}
