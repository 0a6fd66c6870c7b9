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
}
