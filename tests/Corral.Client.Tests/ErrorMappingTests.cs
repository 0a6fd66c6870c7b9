using System.Net;
using Corral.Contracts.Ollama;

namespace Corral.Client.Tests;

[Collection(ServerCollection.Name)]
public sealed class ErrorMappingTests(ScriptedServerFixture server)
{
    [Fact]
    public async Task Missing_model_on_a_stream_is_a_404_StatusException()
    {
        var script = server.NewScript().Reply(404, """{"error":"model 'nope' not found"}""");
        using var client = new CorralClient(script.BaseUri);

        var error = await Assert.ThrowsAsync<StatusException>(async () =>
        {
            await foreach (var _ in client.GenerateStreamAsync(new GenerateRequest { Model = "nope", Prompt = "x" }))
            {
            }
        });

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("model 'nope' not found", error.ErrorMessage);
        Assert.Equal("404 Not Found: model 'nope' not found", error.Message);
    }

    [Fact]
    public async Task Bad_request_on_a_non_streaming_call_is_a_400_StatusException()
    {
        var script = server.NewScript().Reply(400, """{"error":"model is required"}""");
        using var client = new CorralClient(script.BaseUri);

        var error = await Assert.ThrowsAsync<StatusException>(() => client.ShowAsync(new ShowRequest()));

        Assert.Equal((HttpStatusCode.BadRequest, "400 Bad Request", "model is required"), (error.StatusCode, error.Status, error.ErrorMessage));
    }

    [Fact]
    public async Task Error_line_inside_a_stream_ends_it_with_a_StatusException()
    {
        var script = server.NewScript().ReplyLines(
            """{"model":"llama3.2","created_at":"2025-10-01T12:00:00Z","message":{"role":"assistant","content":"Hi"},"done":false}""",
            """{"error":"model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama server logs for details"}""");
        using var client = new CorralClient(script.BaseUri);

        var received = new List<string>();
        var error = await Assert.ThrowsAsync<StatusException>(async () =>
        {
            await foreach (var chunk in client.ChatStreamAsync(new ChatRequest { Model = "llama3.2", Messages = [new Message { Role = "user", Content = "x" }] }))
            {
                received.Add(chunk.Message.Content);
            }
        });

        Assert.Equal(["Hi"], received);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.StartsWith("model runner has unexpectedly stopped", error.Message);
    }

    [Fact]
    public async Task Error_line_inside_a_pull_surfaces_from_the_progress_stream()
    {
        var script = server.NewScript().ReplyLines("""{"status":"pulling manifest"}""", """{"error":"pull model manifest: file does not exist"}""");
        using var client = new CorralClient(script.BaseUri);

        var error = await Assert.ThrowsAsync<StatusException>(() => client.PullAsync(new PullRequest { Model = "nope" }).ToListAsync().AsTask());

        Assert.Equal("pull model manifest: file does not exist", error.ErrorMessage);
    }

    [Fact]
    public async Task Plain_text_error_body_becomes_the_message()
    {
        var script = server.NewScript().Reply(405, "405 method not allowed", "text/plain");
        using var client = new CorralClient(script.BaseUri);

        var error = await Assert.ThrowsAsync<StatusException>(() => client.ListAsync());

        Assert.Equal((HttpStatusCode.MethodNotAllowed, "405 method not allowed"), (error.StatusCode, error.ErrorMessage));
    }

    [Fact]
    public async Task Unauthorized_carries_the_signin_url()
    {
        var script = server.NewScript().Reply(401, """{"error":"unauthorized","signin_url":"https://ollama.com/connect?name=box&key=abc"}""");
        using var client = new CorralClient(script.BaseUri);

        var error = await Assert.ThrowsAsync<AuthorizationException>(() => client.ChatAsync(new ChatRequest { Model = "gpt-oss:120b-cloud" }));

        Assert.Equal(("unauthorized", "https://ollama.com/connect?name=box&key=abc"), (error.ErrorMessage, error.SigninUrl));
    }
}
