using Corral.Server.Hosting;

namespace Corral.Server.Tests.Hosting;

/// <summary>Origin matching of Ollama's CORS configuration (reference section 1.0).</summary>
public sealed class CorsPolicyTests
{
    [Theory]
    [InlineData("http://localhost", true)]
    [InlineData("https://localhost:8080", true)]
    [InlineData("http://127.0.0.1:3000", true)]
    [InlineData("http://0.0.0.0:1", true)]
    [InlineData("app://anything", true)]
    [InlineData("tauri://localhost", true)]
    [InlineData("https://example.com", false)]
    [InlineData("http://localhost.evil.example", false)]
    [InlineData("chrome-extension://abc", false)]
    public void LocalDefaults(string origin, bool allowed) => Assert.Equal(allowed, new CorsPolicy([]).IsAllowed(origin));

    [Fact]
    public void ExtraOriginsAndWildcards()
    {
        var policy = new CorsPolicy(["https://*.example.com", "chrome-extension://*"]);
        Assert.True(policy.IsAllowed("https://app.example.com"));
        Assert.False(policy.IsAllowed("https://example.org"));
        Assert.True(policy.IsAllowed("chrome-extension://abc"));
        Assert.True(new CorsPolicy(["*"]).IsAllowed("https://anything.example"));
    }
}
