using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Corral.Server.Tests.Fakes;

namespace Corral.Server.Tests.Http;

/// <summary>Every bad request gets the reference's status and exact message (sections 1.0, 1.2-1.10, 12).</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    // Go escapes only what JSON requires (quotes as \", apostrophes as-is).
    private static readonly JsonSerializerOptions _goEscaping = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/api/generate", "", 400, "missing request body")]
    [InlineData("/api/chat", "  ", 400, "missing request body")]
    [InlineData("/api/show", "", 400, "missing request body")]
    [InlineData("/api/generate", "{\"model\":", 400, "unexpected EOF")]
    [InlineData("/api/generate", "{x}", 400, "invalid character 'x' looking for beginning of object key string")]
    [InlineData("/api/generate", "{\"model\":}", 400, "invalid character '}' looking for beginning of value")]
    [InlineData("/api/generate", "{\"model\":\"tiny\"} x", 400, "invalid character 'x' after top-level value")]
    [InlineData("/api/generate", "{\"model\":\"tiny\",\"stream\":\"yes\"}", 400, "json: cannot unmarshal string into Go struct field GenerateRequest.stream of type bool")]
    [InlineData("/api/generate", "{\"model\":1}", 400, "json: cannot unmarshal number into Go struct field GenerateRequest.model of type string")]
    [InlineData("/api/chat", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":5}]}", 400, "json: cannot unmarshal number into Go struct field ChatRequest.messages.content of type string")]
    [InlineData("/api/generate", "{\"model\":\"tiny\",\"keep_alive\":\"5\"}", 400, "time: missing unit in duration \"5\"")]
    [InlineData("/api/generate", "{\"model\":\"tiny\",\"keep_alive\":true}", 400, "Unsupported type: 'bool'")]
    [InlineData("/api/chat", "{\"model\":\"tiny\",\"think\":\"x\"}", 400, "invalid think value: \"x\" (must be \"high\", \"medium\", \"low\", \"max\", true, or false)")]
    [InlineData("/api/chat", "{\"model\":\"tiny\",\"think\":1}", 400, "think must be a boolean or string (\"high\", \"medium\", \"low\", \"max\", true, or false)")]
    [InlineData("/api/generate", "{\"model\":\"tiny\",\"top_logprobs\":21}", 400, "top_logprobs must be between 0 and 20")]
    [InlineData("/api/generate", "{\"model\":\"\"}", 404, "model '' not found")]
    [InlineData("/api/generate", "null", 404, "model '' not found")]
    [InlineData("/api/generate", "{\"model\":\"missing\"}", 404, "model 'missing' not found")]
    [InlineData("/api/generate", "{\"model\":\"../x\"}", 400, "invalid model name")]
    [InlineData("/api/generate", "{\"model\":\"a:b:c\"}", 400, "invalid model name")]
    [InlineData("/api/chat", "{\"model\":\"\"}", 400, "model is required")]
    [InlineData("/api/chat", "{\"model\":\"missing\"}", 404, "model 'missing' not found")]
    [InlineData("/api/generate", "{\"model\":\"tiny\",\"raw\":true,\"system\":\"s\",\"prompt\":\"p\"}", 400, "raw mode does not support template, system, or context")]
    [InlineData("/api/generate", "{\"model\":\"tiny\",\"think\":true,\"prompt\":\"p\"}", 400, "\"tiny\" does not support thinking")]
    [InlineData("/api/generate", "{\"model\":\"embedder\",\"prompt\":\"p\"}", 400, "\"embedder\" does not support generate")]
    [InlineData("/api/chat", "{\"model\":\"embedder\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "\"embedder\" does not support chat")]
    [InlineData("/api/generate", "{\"model\":\"other\",\"prompt\":\"p\",\"suffix\":\"s\"}", 400, "registry.ollama.ai/library/other:latest does not support insert")]
    [InlineData("/api/chat", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}", 400, "registry.ollama.ai/library/tiny:latest does not support tools")]
    [InlineData("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"p\",\"format\":\"yaml\"}", 400, "invalid format: \"\\\"yaml\\\"\"; expected \"json\" or a valid JSON Schema object")]
    [InlineData("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"p\",\"options\":{\"top_k\":\"x\"}}", 400, "option \"top_k\" must be of type integer")]
    [InlineData("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"p\",\"template\":\"{{ broken\"}", 400, "template: :1: unclosed action")]
    [InlineData("/api/embed", "{\"model\":\"\"}", 404, "model '' not found")]
    [InlineData("/api/embed", "{\"model\":\"missing\"}", 404, "model \"missing\" not found, try pulling it first")]
    [InlineData("/api/embed", "{\"model\":\"embedder\",\"input\":5}", 400, "invalid input type")]
    [InlineData("/api/embed", "{\"model\":\"embedder\",\"input\":[\"a\",1]}", 400, "invalid input type")]
    [InlineData("/api/embeddings", "{\"model\":\"\"}", 400, "model is required")]
    [InlineData("/api/show", "{}", 400, "model is required")]
    [InlineData("/api/show", "{\"model\":\"../../etc/passwd\"}", 400, "invalid model name")]
    [InlineData("/api/show", "{\"model\":\"missing\"}", 404, "model 'missing:latest' not found")]
    [InlineData("/api/copy", "{\"source\":\"../x\",\"destination\":\"y\"}", 400, "source \"../x\" is invalid")]
    [InlineData("/api/copy", "{\"source\":\"tiny\",\"destination\":\"a:b:c\"}", 400, "destination \"a:b:c\" is invalid")]
    [InlineData("/api/copy", "{\"source\":\"missing\",\"destination\":\"y\"}", 404, "model \"missing\" not found")]
    [InlineData("/api/pull", "{}", 400, "invalid model name")]
    [InlineData("/api/pull", "{\"model\":\"a:b:c\"}", 400, "invalid model name")]
    [InlineData("/api/push", "{}", 400, "model is required")]
    [InlineData("/api/create", "{\"model\":\"../evil\"}", 400, "invalid model name")]
    [InlineData("/api/create", "{\"model\":\"new\",\"files\":{\"../x.gguf\":\"sha256:" + Digest + "\"}}", 400, "file path must be relative")]
    [InlineData("/api/create", "{\"model\":\"new\",\"files\":{\"x.gguf\":\"\"}}", 400, "invalid digest format")]
    [InlineData("/api/create", "{\"model\":\"new\",\"stream\":false}", 400, "neither 'from' or 'files' was specified")]
    [InlineData("/api/generate", "{\"model\":\"x:cloud:local\"}", 400, "use either :local or :cloud, not both: \"x:cloud:local\"")]
    [InlineData("/api/chat", "{\"model\":\"gpt-oss:120b-cloud\"}", 403, "ollama cloud is disabled: remote model is unavailable")]
    [InlineData("/api/show", "{\"model\":\"tiny:cloud\"}", 403, "ollama cloud is disabled: remote model is unavailable")]
    [InlineData("/api/embed", "{\"model\":\"x:cloud\"}", 403, "ollama cloud is disabled: remote model is unavailable")]
    [InlineData("/api/blobs/sha256:../../x", "", 400, "invalid digest format")]
    [InlineData("/api/blobs/sha256-1234", "", 400, "invalid digest format")]
    public async Task RejectsWithOllamasStatusAndMessage(string path, string body, int status, string message)
    {
        var response = await _server.PostAsync(path, body);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("{\"error\":" + JsonSerializer.Serialize(message, _goEscaping) + "}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"model\":\"../x\"}", 400, "name \"../x\" is invalid")]
    [InlineData("{\"model\":\"missing\"}", 404, "model 'missing' not found")]
    public async Task DeleteRejects(string body, int status, string message)
    {
        var response = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/delete")
        {
            Content = new StringContent(body),
        });
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("{\"error\":" + JsonSerializer.Serialize(message, _goEscaping) + "}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BadRequestsNeverReachTheRunner()
    {
        await _server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"stream\":1}");
        await _server.PostAsync("/api/generate", "{\"model\":\"a:b:c\",\"prompt\":\"x\"}");
        Assert.Empty(_server.Runners.Loads);
    }

    private const string Digest = "0000000000000000000000000000000000000000000000000000000000000000";
}
