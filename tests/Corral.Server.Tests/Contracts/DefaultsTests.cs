using System.Text.Json;
using Corral.Contracts;

namespace Corral.Server.Tests.Contracts;

public sealed class DefaultsTests
{
    [Fact]
    public void MissingFieldsKeepTheirDefaults()
    {
        var pull = JsonSerializer.Deserialize("{}", CorralJsonContext.Default.PullRequest)!;
        Assert.Equal("", pull.Model);
        var chat = JsonSerializer.Deserialize("{\"messages\":[{\"role\":\"user\"}]}", CorralJsonContext.Default.ChatRequest)!;
        Assert.Equal("", chat.Model);
        Assert.Equal("", chat.Messages![0].Content);
    }

    [Fact]
    public void WireContextEscapesLikeGo()
    {
        var json = JsonSerializer.Serialize(new Corral.Contracts.Ollama.ErrorResponse { Error = "a'b\"c<d>&e\n\u0001é\u2028\\" },
            CorralJsonContext.Wire.ErrorResponse);
        Assert.Equal("{\"error\":\"a'b\\\"c\\u003cd\\u003e\\u0026e\\n\\u0001é\\u2028\\\\\"}", json);
    }
}
