using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Corral.Client;
using Corral.Contracts.Ollama;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests.Client;

/// <summary>
/// Issue 9 acceptance 1: the model-management and status methods of <see cref="CorralClient"/> against the real
/// server and its real store.
/// </summary>
public sealed class ClientModelManagementTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    [Fact]
    public async Task HeartbeatAndVersionAnswerAndAStoppedServerFailsTheHeartbeat()
    {
        using var client = fixture.Server.NewClient();
        var (_, version) = await fixture.Server.GetJsonAsync("api/version");

        await client.HeartbeatAsync();
        Assert.Equal(version.GetProperty("version").GetString(), await client.VersionAsync());
        Assert.NotEmpty(await client.VersionAsync());

        // Nothing listens on port 1 of loopback: the connection itself fails.
        using var nowhere = new CorralClient(new Uri("http://127.0.0.1:1"));
        await Assert.ThrowsAsync<HttpRequestException>(() => nowhere.HeartbeatAsync());
    }

    [Fact]
    public async Task ShowDescribesTheModelAndListHasIt()
    {
        using var client = fixture.Server.NewClient();

        var show = await client.ShowAsync(new ShowRequest { Model = fixture.Model });
        var listed = Assert.Single((await client.ListAsync()).Models, m => m.Name == fixture.Model);

        Assert.Equal(("gguf", "llama", "F16"), (show.Details!.Format, show.Details.Family, show.Details.QuantizationLevel));
        Assert.Equal("llama", show.ModelInfo!["general.architecture"].GetString());
        Assert.Equal(64, show.ModelInfo["llama.embedding_length"].GetInt32());
        Assert.Contains("completion", show.Capabilities!);
        Assert.Contains("PARAMETER num_ctx 256", show.Modelfile);
        Assert.Equal(fixture.Model, listed.Model);
        Assert.Matches("^[0-9a-f]{64}$", listed.Digest);
        Assert.True(listed.Size > new FileInfo(TestPaths.Llama3Fixture).Length);
        Assert.Equal("llama", listed.Details.Family);
    }

    [Fact]
    public async Task CopyMakesASecondNameForTheSameModelAndDeleteRemovesOnlyThatName()
    {
        using var client = fixture.Server.NewClient();

        await client.CopyAsync(new CopyRequest { Source = fixture.Model, Destination = "client-copy" });
        var models = (await client.ListAsync()).Models;
        var original = Assert.Single(models, m => m.Name == fixture.Model);
        var copy = Assert.Single(models, m => m.Name == "client-copy:latest");
        Assert.Equal(original.Digest, copy.Digest);
        var (originalShow, copyShow) = (await client.ShowAsync(new ShowRequest { Model = fixture.Model }), await client.ShowAsync(new ShowRequest { Model = "client-copy" }));
        Assert.Equal((originalShow.Template, originalShow.Parameters, originalShow.Details!.ParameterSize),
            (copyShow.Template, copyShow.Parameters, copyShow.Details!.ParameterSize));

        await client.DeleteAsync(new DeleteRequest { Model = "client-copy" });

        Assert.DoesNotContain((await client.ListAsync()).Models, m => m.Name == "client-copy:latest");
        Assert.Contains((await client.ListAsync()).Models, m => m.Name == fixture.Model);
        var gone = await Assert.ThrowsAsync<StatusException>(() => client.DeleteAsync(new DeleteRequest { Model = "client-copy" }));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task ListRunningShowsTheLoadedModelWithItsContext()
    {
        using var client = fixture.Server.NewClient();
        await client.GenerateAsync(new GenerateRequest { Model = fixture.Model, Prompt = "hi", Options = GreedyOptions.Tokens(1) });

        var running = Assert.Single((await client.ListRunningAsync()).Models, m => m.Name == fixture.Model);

        Assert.Equal(fixture.Model, running.Model);
        Assert.Equal(256, running.ContextLength);
        Assert.True(running.Size > 0);
        Assert.True(running.ExpiresAt > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task UploadedBlobCreatesAModelThatGenerates()
    {
        using var client = fixture.Server.NewClient();
        var path = TestPaths.Llama2Fixture;
        string digest;
        await using (var file = File.OpenRead(path))
        {
            digest = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
        }

        Assert.False(await client.BlobExistsAsync(digest));
        await client.CreateBlobAsync(digest, File.OpenRead(path));
        Assert.True(await client.BlobExistsAsync(digest));
        var progress = await client.CreateAsync(new CreateRequest
        {
            Model = "client-made",
            Files = new() { [Path.GetFileName(path)] = digest },
            Parameters = new() { ["num_ctx"] = JsonSerializer.SerializeToElement(256) },
            System = "You are terse.",
        }).ToListAsync();

        var statuses = progress.Select(p => p.Status).ToList();
        Assert.True(statuses.Count >= 3, string.Join(" | ", statuses));
        Assert.Equal("success", statuses[^1]);
        Assert.Contains("writing manifest", statuses);
        var show = await client.ShowAsync(new ShowRequest { Model = "client-made" });
        Assert.Equal("You are terse.", show.System);
        var answer = await client.GenerateAsync(new GenerateRequest { Model = "client-made", Prompt = "hi", Options = GreedyOptions.Tokens(2) });
        Assert.Equal(2, answer.EvalCount);
        await client.DeleteAsync(new DeleteRequest { Model = "client-made" });
    }
}
