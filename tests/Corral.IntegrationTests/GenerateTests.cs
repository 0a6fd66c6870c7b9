using System.Text.Json;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests;

/// <summary>/api/generate through HTTP on the real Llama-3 fixture and a real runner process (reference §1.2).</summary>
public sealed class GenerateTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    private RealServer Server => fixture.Server;

    private string Request(string prompt, bool stream, string extra = "") =>
        $$"""{"model":"{{fixture.Model}}","prompt":"{{prompt}}","stream":{{(stream ? "true" : "false")}},"options":{"temperature":0,"seed":42,"num_predict":6}{{extra}}}""";

    [Fact]
    public async Task StreamAndNonStreamGiveTheSameTextWithMetricsInNanoseconds()
    {
        var (status, single) = await Server.PostJsonAsync("api/generate", Request("Hello there", stream: false));
        Assert.Equal(200, status);

        using var response = await Server.PostStreamingAsync("api/generate", Request("Hello there", stream: true));
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = await RealServer.ReadLinesAsync(response);

        Assert.True(lines.Count >= 2, "a streamed generate has token lines before the final one");
        Assert.All(lines.SkipLast(1), line => Assert.False(line.GetProperty("done").GetBoolean()));
        var streamedText = string.Concat(lines.Select(line => line.GetProperty("response").GetString()));
        Assert.Equal(single.GetProperty("response").GetString(), streamedText);
        Assert.NotEmpty(streamedText);

        var final = lines[^1];
        Assert.True(final.GetProperty("done").GetBoolean());
        Assert.Equal("length", final.GetProperty("done_reason").GetString());
        Assert.Equal(6, final.GetProperty("eval_count").GetInt32());
        Assert.True(final.GetProperty("prompt_eval_count").GetInt32() > 0);
        // Durations are nanoseconds: a real decode of 6 tokens takes well over 1 µs and far less than 10 minutes.
        var total = final.GetProperty("total_duration").GetInt64();
        Assert.InRange(total, 1_000L, 600_000_000_000L);
        Assert.InRange(final.GetProperty("eval_duration").GetInt64(), 1_000L, total);
        Assert.Equal(JsonValueKind.Array, final.GetProperty("context").ValueKind);
    }
}
