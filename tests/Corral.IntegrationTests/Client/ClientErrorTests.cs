using System.Diagnostics;
using System.Net;
using Corral.Client;
using Corral.Contracts.Ollama;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests.Client;

/// <summary>
/// Issue 9 acceptance 1, error mapping against the real server: an unknown model (404), a bad request (400) and an
/// error line inside a running stream (the runner killed mid-generation) all surface as <see cref="StatusException"/>.
/// </summary>
public sealed class ClientErrorTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    [Fact]
    public async Task UnknownModelIsA404StatusException()
    {
        using var client = fixture.Server.NewClient();

        var generate = await Assert.ThrowsAsync<StatusException>(() => client.GenerateAsync(new GenerateRequest { Model = "missing", Prompt = "hi" }));
        var chat = await Assert.ThrowsAsync<StatusException>(async () =>
        {
            await foreach (var _ in client.ChatStreamAsync(new ChatRequest { Model = "missing", Messages = [new Message { Role = "user", Content = "hi" }] }))
            {
                Assert.Fail("no chunk comes for an unknown model");
            }
        });
        var show = await Assert.ThrowsAsync<StatusException>(() => client.ShowAsync(new ShowRequest { Model = "missing" }));

        Assert.All(new[] { generate, chat, show }, error =>
        {
            Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
            Assert.Equal("404 Not Found", error.Status);
            Assert.Equal($"404 Not Found: {error.ErrorMessage}", error.Message);
        });
        Assert.Equal("model 'missing' not found", generate.ErrorMessage);
        Assert.Equal("model 'missing' not found", chat.ErrorMessage);
        // Show names the model as normalized, as Ollama does.
        Assert.Equal("model 'missing:latest' not found", show.ErrorMessage);
    }

    [Fact]
    public async Task BadRequestsAre400StatusExceptionsWithTheServersMessage()
    {
        using var client = fixture.Server.NewClient();

        var noModel = await Assert.ThrowsAsync<StatusException>(() => client.ChatAsync(new ChatRequest { Model = "" }));
        var logprobs = await Assert.ThrowsAsync<StatusException>(() =>
            client.GenerateAsync(new GenerateRequest { Model = fixture.Model, Prompt = "hi", Logprobs = true, TopLogprobs = 21 }));
        var wrongDigest = await Assert.ThrowsAsync<StatusException>(() =>
            client.CreateBlobAsync("sha256:" + new string('0', 64), new MemoryStream("not the digest's content"u8.ToArray())));

        Assert.All(new[] { noModel, logprobs, wrongDigest }, error =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
            Assert.Equal("400 Bad Request", error.Status);
        });
        Assert.Equal("model is required", noModel.ErrorMessage);
        Assert.Equal("top_logprobs must be between 0 and 20", logprobs.ErrorMessage);
        Assert.Contains("digest", wrongDigest.ErrorMessage);
        Assert.False(await client.BlobExistsAsync("sha256:" + new string('0', 64)), "a rejected upload leaves no blob behind");
    }

    [Fact]
    public async Task RunnerKilledMidStreamSurfacesAsAStatusExceptionAndTheNextRequestWorks()
    {
        var server = fixture.Server;
        using var client = server.NewClient();
        var chunks = new List<GenerateResponse>();

        var error = await Assert.ThrowsAsync<StatusException>(async () =>
        {
            var request = new GenerateRequest { Model = fixture.Model, Prompt = "Tell me a story", Options = GreedyOptions.Tokens(200) };
            await foreach (var chunk in client.GenerateStreamAsync(request))
            {
                chunks.Add(chunk);
                if (chunks.Count == 1)
                {
                    var runner = Assert.Single(RunnerProcessInfo.InStore(server.StorePath));
                    Process.GetProcessById(runner.Pid).Kill(); // SIGKILL: the server learns of it from the broken connection.
                }
            }
        });

        // The error came as a line of a stream that had already started with 200 OK.
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("", error.Status);
        Assert.Contains("runner", error.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.All(chunks, chunk => Assert.False(chunk.Done));
        Assert.True(chunks.Count < 200, "generation stopped when the runner died");
        var next = await client.GenerateAsync(new GenerateRequest { Model = fixture.Model, Prompt = "again", Options = GreedyOptions.Tokens(3) });
        Assert.Equal(3, next.EvalCount);
    }
}
