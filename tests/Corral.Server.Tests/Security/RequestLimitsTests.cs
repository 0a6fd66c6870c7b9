using System.Net;
using System.Text;
using System.Text.Json;
using Corral.Server.Hosting;
using Corral.Server.Tests.Fakes;

namespace Corral.Server.Tests.Security;

/// <summary>
/// Every CORRAL_MAX_* limit answers with its own 4xx and an Ollama error body, before any model work, and the
/// server keeps serving afterwards. Limits are set small here so the test bodies stay small.
/// </summary>
public sealed class RequestLimitsTests : IAsyncLifetime
{
    private static readonly RequestLimits _limits = new()
    {
        MaxRequestBytes = 4096,
        MaxImages = 2,
        MaxImageBytes = 100,
        MaxPromptChars = 1000,
        MaxConcurrentStreams = 2,
    };

    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ServerHarness _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerHarness.StartAsync(config => config with { Limits = _limits }, runner => runner.Gate = _gate);

    public async Task DisposeAsync()
    {
        _gate.TrySetResult();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BodyOverTheLimitIs413WhetherSizedOrChunked(bool chunked)
    {
        var json = $$"""{"model":"tiny","prompt":"{{new string('x', 8000)}}"}""";
        HttpContent content = chunked
            ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            : new StringContent(json, Encoding.UTF8, "application/json");
        if (chunked)
        {
            content.Headers.ContentLength = null;
        }
        using var response = await _server.Client.PostAsync("/api/generate", content);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request body too large: the limit is 4096 bytes");
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task BlobUploadsAreNotBoundByTheBodyLimit()
    {
        var blob = new byte[64 * 1024];
        Random.Shared.NextBytes(blob);
        var digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(blob));

        using var response = await _server.Client.PostAsync($"/api/blobs/{digest}", new ByteArrayContent(blob));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/generate", """{"model":"tiny","prompt":"look","images":["AA==","AA==","AA=="]}""", 400, "too many images: 3, the limit is 2")]
    [InlineData("/api/chat", """{"model":"tiny","messages":[{"role":"user","content":"a","images":["AA==","AA=="]},{"role":"user","content":"b","images":["AA=="]}]}""",
        400, "too many images: 3, the limit is 2")]
    [InlineData("/api/generate", """{"model":"tiny","prompt":"look","images":["AA==","BIGIMAGE"]}""", 413, "image 2 is 150 bytes, the limit is 100")]
    [InlineData("/api/generate", """{"model":"tiny","prompt":"LONGTEXT"}""", 413, "prompt too long: 1001 characters, the limit is 1000")]
    [InlineData("/api/chat", """{"model":"tiny","messages":[{"role":"system","content":"LONGTEXT"}]}""", 413, "prompt too long: 1001 characters, the limit is 1000")]
    [InlineData("/api/embed", """{"model":"tiny","input":["LONGTEXT"]}""", 413, "input too long: 1001 characters, the limit is 1000")]
    [InlineData("/api/embed", """{"model":"tiny","input":["HALFTEXT","HALFTEXT"]}""", 413, "input too long: 1200 characters, the limit is 1000")]
    [InlineData("/api/embeddings", """{"model":"tiny","prompt":"LONGTEXT"}""", 413, "prompt too long: 1001 characters, the limit is 1000")]
    public async Task ImageAndPromptLimitsRefuseBeforeTheModelRuns(string path, string json, int status, string message)
    {
        json = json.Replace("BIGIMAGE", Convert.ToBase64String(new byte[150]), StringComparison.Ordinal)
            .Replace("LONGTEXT", new string('x', 1001), StringComparison.Ordinal)
            .Replace("HALFTEXT", new string('x', 600), StringComparison.Ordinal);

        using var response = await _server.PostAsync(path, json);

        await AssertErrorAsync(response, (HttpStatusCode)status, message);
        Assert.Empty(_server.Runners.Loads);
    }

    [Fact]
    public async Task OpenAIRequestsGetTheSameLimits()
    {
        var json = $$"""{"model":"tiny","messages":[{"role":"user","content":"{{new string('x', 1001)}}"}]}""";

        using var response = await _server.PostAsync("/v1/chat/completions", json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("prompt too long: 1001 characters", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StreamsBeyondTheLimitAre429UntilOneFinishes()
    {
        // Both streams hold after their first line: they are in flight while the third request arrives.
        using var first = await _server.PostStreamingAsync("/api/generate", """{"model":"tiny","prompt":"a"}""");
        using var second = await _server.PostStreamingAsync("/api/chat", """{"model":"tiny","messages":[{"role":"user","content":"b"}]}""");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        using var refused = await _server.PostAsync("/api/generate", """{"model":"tiny","prompt":"c","stream":false}""");
        Assert.Equal("1", refused.Headers.RetryAfter!.ToString());
        await AssertErrorAsync(refused, HttpStatusCode.TooManyRequests, "too many concurrent requests: the limit is 2, please try again");
        using var listing = await _server.Client.GetAsync("/api/tags");
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);

        _gate.SetResult();
        await first.Content.ReadAsStringAsync();
        await second.Content.ReadAsStringAsync();
        using var admitted = await _server.PostAsync("/api/generate", """{"model":"tiny","prompt":"d","stream":false}""");
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }

    private async Task AssertStillServingAsync()
    {
        using var response = await _server.Client.GetAsync("/api/version");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        using var document = JsonDocument.Parse(body);
        Assert.Equal(message, document.RootElement.GetProperty("error").GetString());
    }
}
