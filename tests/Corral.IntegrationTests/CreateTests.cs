using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests;

/// <summary>/api/create on the real store: quantization in a child process (issue 4 acceptance 3) and malformed uploads.</summary>
public sealed class CreateTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    private RealServer Server => fixture.Server;

    [Fact]
    public async Task QuantizeQ4KMFromF16GivesASmallerModelThatLoadsAndGenerates()
    {
        var progress = await Server.CreateModelAsync("small", TestPaths.Llama3Fixture,
            RealServer.SmallContext(("quantize", "q4_K_M")));
        Assert.Contains(progress, line => line.GetProperty("status").GetString() == "quantizing F16 model to Q4_K_M");

        var (_, show) = await Server.PostJsonAsync("api/show", """{"model":"small"}""");
        Assert.Equal("Q4_K_M", show.GetProperty("details").GetProperty("quantization_level").GetString());
        var (_, tags) = await Server.GetJsonAsync("api/tags");
        long SizeOf(string name) => tags.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name).GetProperty("size").GetInt64();
        // Not a full 4x: llama.cpp keeps this tiny model's embedding and output tensors at higher precision.
        Assert.True(SizeOf("small:latest") < SizeOf(fixture.Model) * 3 / 4, $"{SizeOf("small:latest")} vs {SizeOf(fixture.Model)}");

        var (status, generated) = await Server.PostJsonAsync("api/generate", """{"model":"small","prompt":"hi","stream":false,"options":{"num_predict":3}}""");
        Assert.Equal(200, status);
        Assert.Equal(3, generated.GetProperty("eval_count").GetInt32());
    }

    [Fact]
    public async Task UnsupportedQuantizationTypeIsA400()
    {
        var digest = await Server.UploadBlobAsync(TestPaths.Llama3Fixture);
        var (status, body) = await Server.PostJsonAsync("api/create",
            $$$"""{"model":"bad","files":{"m.gguf":"{{{digest}}}"},"quantize":"q3_nope","stream":false}""");
        Assert.Equal(400, status);
        Assert.StartsWith("unsupported quantization type q3_nope", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task MalformedGgufIsAClearCreateErrorAndTheServerKeepsServing()
    {
        var path = Path.Combine(Server.StorePath, "..", $"not-a-model-{Guid.NewGuid():N}.gguf");
        await File.WriteAllTextAsync(path, "this is not a GGUF file at all, just text pretending to be one");
        try
        {
            var digest = await Server.UploadBlobAsync(path);
            var (status, body) = await Server.PostJsonAsync("api/create", $$$"""{"model":"broken","files":{"x.gguf":"{{{digest}}}"},"stream":false}""");
            Assert.InRange(status, 400, 499);
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
            Assert.DoesNotContain(Server.StorePath, body.GetProperty("error").GetString());
        }
        finally
        {
            File.Delete(path);
        }

        var (tagsStatus, tags) = await Server.GetJsonAsync("api/tags");
        Assert.Equal(200, tagsStatus);
        Assert.DoesNotContain("broken:latest", tags.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        var (okStatus, _) = await Server.PostJsonAsync("api/generate", $$$"""{"model":"{{{fixture.Model}}}","prompt":"hi","stream":false,"options":{"num_predict":2}}""");
        Assert.Equal(200, okStatus);
    }

    [Fact]
    public async Task TruncatedGgufFailsAtCreateOrLoadWithAClearErrorAndTheServerKeepsServing()
    {
        // A real header and metadata with the tensor data cut off: the metadata parses, the weights are missing.
        var bytes = await File.ReadAllBytesAsync(TestPaths.Llama2Fixture);
        var path = Path.Combine(Server.StorePath, "..", $"truncated-{Guid.NewGuid():N}.gguf");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        try
        {
            var digest = await Server.UploadBlobAsync(path);
            var (status, body) = await Server.PostJsonAsync("api/create", $$$"""{"model":"truncated","files":{"t.gguf":"{{{digest}}}"},"stream":false}""");
            if (status == 200)
            {
                var (loadStatus, load) = await Server.PostJsonAsync("api/generate", """{"model":"truncated","prompt":"hi","stream":false}""");
                Assert.Equal(500, loadStatus);
                Assert.Contains("truncated", load.GetProperty("error").GetString());
            }
            else
            {
                Assert.Equal(400, status);
                Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
            }
        }
        finally
        {
            File.Delete(path);
        }

        var (okStatus, _) = await Server.PostJsonAsync("api/generate", $$$"""{"model":"{{{fixture.Model}}}","prompt":"hi","stream":false,"options":{"num_predict":2}}""");
        Assert.Equal(200, okStatus);
    }
}
