using System.Text.Json;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests;

/// <summary>format "json" and a JSON Schema constrain the real Llama-3 fixture's output to parseable JSON (reference §1.2).</summary>
public sealed class StructuredOutputTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    [Fact]
    public async Task SchemaFormatYieldsJsonMatchingTheSchema()
    {
        const string schema = """{"type":"object","properties":{"ok":{"type":"boolean"},"n":{"type":"integer"}},"required":["ok","n"]}""";
        var (status, body) = await fixture.Server.PostJsonAsync("api/generate",
            $$$"""{"model":"{{{fixture.Model}}}","prompt":"Answer in JSON","stream":false,"format":{{{schema}}},"options":{"temperature":0,"num_predict":48}}""");
        Assert.Equal(200, status);
        var text = body.GetProperty("response").GetString()!;
        Assert.Equal("stop", body.GetProperty("done_reason").GetString());
        using var parsed = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
        Assert.True(parsed.RootElement.GetProperty("ok").ValueKind is JsonValueKind.True or JsonValueKind.False);
        Assert.Equal(JsonValueKind.Number, parsed.RootElement.GetProperty("n").ValueKind);
    }

    [Fact]
    public async Task JsonFormatYieldsAJsonValue()
    {
        var (status, body) = await fixture.Server.PostJsonAsync("api/chat",
            $$$"""{"model":"{{{fixture.Model}}}","messages":[{"role":"user","content":"JSON please"}],"stream":false,"format":"json","options":{"temperature":0,"seed":5,"num_predict":64}}""");
        Assert.Equal(200, status);
        var text = body.GetProperty("message").GetProperty("content").GetString()!;
        if (body.GetProperty("done_reason").GetString() == "stop")
        {
            using var parsed = JsonDocument.Parse(text);
        }
        else
        {
            // Cut off by num_predict: still a JSON prefix, starting with an object as the json grammar requires.
            Assert.StartsWith("{", text.TrimStart());
        }
    }

    [Fact]
    public async Task InvalidFormatIsA400()
    {
        var (status, body) = await fixture.Server.PostJsonAsync("api/generate",
            $$$"""{"model":"{{{fixture.Model}}}","prompt":"x","stream":false,"format":"yaml"}""");
        Assert.Equal(400, status);
        Assert.StartsWith("invalid format", body.GetProperty("error").GetString());
    }
}
