using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests;

/// <summary>tags, show, copy, delete, ps and version through HTTP on a real store (reference §1.6-§1.10).</summary>
public sealed class ModelManagementTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    private RealServer Server => fixture.Server;

    [Fact]
    public async Task ShowReportsTheRealModel()
    {
        var (status, show) = await Server.PostJsonAsync("api/show", $$$"""{"model":"{{{fixture.Model}}}"}""");
        Assert.Equal(200, status);
        var details = show.GetProperty("details");
        Assert.Equal("gguf", details.GetProperty("format").GetString());
        Assert.Equal("llama", details.GetProperty("family").GetString());
        Assert.Equal("F16", details.GetProperty("quantization_level").GetString());
        Assert.Equal("llama", show.GetProperty("model_info").GetProperty("general.architecture").GetString());
        Assert.True(show.GetProperty("model_info").GetProperty("llama.context_length").GetInt64() > 0);
        Assert.Contains("completion", show.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Matches(@"num_ctx\s+256", show.GetProperty("parameters").GetString());
        var modelfile = show.GetProperty("modelfile").GetString()!;
        Assert.Contains("FROM ", modelfile);
        Assert.Contains("PARAMETER num_ctx 256", modelfile);
        Assert.True(show.TryGetProperty("template", out _));
    }

    [Fact]
    public async Task TagsListsTheModelWithSizeAndDigest()
    {
        var (status, tags) = await Server.GetJsonAsync("api/tags");
        Assert.Equal(200, status);
        var model = tags.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == fixture.Model);
        Assert.True(model.GetProperty("size").GetInt64() > new FileInfo(TestPaths.Llama3Fixture).Length);
        Assert.Matches("^[0-9a-f]{64}$", model.GetProperty("digest").GetString());
        Assert.Equal("llama", model.GetProperty("details").GetProperty("family").GetString());
    }

    [Fact]
    public async Task CopyThenDeleteKeepsTheSharedBlobsAndTheOtherModelWorks()
    {
        using var copy = await Server.PostAsync("api/copy", $$$"""{"source":"{{{fixture.Model}}}","destination":"copied"}""");
        Assert.Equal(200, (int)copy.StatusCode);
        var blobs = Directory.GetFiles(Path.Combine(Server.StorePath, "blobs"));

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "api/delete") { Content = new StringContent("""{"model":"copied"}""") };
        using var deleted = await Server.Client.SendAsync(delete);
        Assert.Equal(200, (int)deleted.StatusCode);

        Assert.Equal(blobs.Order(), Directory.GetFiles(Path.Combine(Server.StorePath, "blobs")).Order());
        var (_, tags) = await Server.GetJsonAsync("api/tags");
        Assert.DoesNotContain("copied:latest", tags.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        var (status, generated) = await Server.PostJsonAsync("api/generate",
            $$$"""{"model":"{{{fixture.Model}}}","prompt":"hi","stream":false,"options":{"num_predict":2}}""");
        Assert.Equal(200, status);
        Assert.Equal(2, generated.GetProperty("eval_count").GetInt32());

        using var again = new HttpRequestMessage(HttpMethod.Delete, "api/delete") { Content = new StringContent("""{"model":"copied"}""") };
        using var missing = await Server.Client.SendAsync(again);
        Assert.Equal(404, (int)missing.StatusCode);
    }

    [Fact]
    public async Task PsShowsSizeContextAndAnExpiryThatFollowsKeepAlive()
    {
        var before = DateTimeOffset.UtcNow;
        var (status, _) = await Server.PostJsonAsync("api/generate", $$$"""{"model":"{{{fixture.Model}}}","keep_alive":"10m"}""");
        Assert.Equal(200, status);
        var (_, ps) = await Server.GetJsonAsync("api/ps");
        var model = Assert.Single(ps.GetProperty("models").EnumerateArray());
        Assert.Equal(fixture.Model, model.GetProperty("name").GetString());
        Assert.True(model.GetProperty("size").GetInt64() >= new FileInfo(TestPaths.Llama3Fixture).Length);
        Assert.Equal(256, model.GetProperty("context_length").GetInt32());
        var expires = model.GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expires, before.AddMinutes(10).AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(10).AddSeconds(5));

        await Server.PostJsonAsync("api/generate", $$$"""{"model":"{{{fixture.Model}}}","keep_alive":"1h"}""");
        var (_, later) = await Server.GetJsonAsync("api/ps");
        var expiresLater = Assert.Single(later.GetProperty("models").EnumerateArray()).GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expiresLater, before.AddHours(1).AddSeconds(-5), DateTimeOffset.UtcNow.AddHours(1).AddSeconds(5));
    }

    [Fact]
    public async Task VersionAnswers()
    {
        var (status, version) = await Server.GetJsonAsync("api/version");
        Assert.Equal(200, status);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.GetProperty("version").GetString());
    }

    [Fact]
    public async Task EmbedAndEmbeddingsReturnVectorsOfTheModelsWidth()
    {
        var (status, embed) = await Server.PostJsonAsync("api/embed", $$$"""{"model":"{{{fixture.Model}}}","input":["hello","world"]}""");
        Assert.Equal(200, status);
        var vectors = embed.GetProperty("embeddings").EnumerateArray().ToList();
        Assert.Equal(2, vectors.Count);
        var width = vectors[0].GetArrayLength();
        var (_, show) = await Server.PostJsonAsync("api/show", $$$"""{"model":"{{{fixture.Model}}}"}""");
        Assert.Equal(show.GetProperty("model_info").GetProperty("llama.embedding_length").GetInt32(), width);
        // /api/embed normalizes: each vector has length 1.
        var norm = Math.Sqrt(vectors[0].EnumerateArray().Sum(v => v.GetDouble() * v.GetDouble()));
        Assert.InRange(norm, 0.999, 1.001);
        Assert.True(embed.GetProperty("prompt_eval_count").GetInt32() >= 2);

        var (legacyStatus, legacy) = await Server.PostJsonAsync("api/embeddings", $$$"""{"model":"{{{fixture.Model}}}","prompt":"hello"}""");
        Assert.Equal(200, legacyStatus);
        Assert.Equal(width, legacy.GetProperty("embedding").GetArrayLength());
    }
}
