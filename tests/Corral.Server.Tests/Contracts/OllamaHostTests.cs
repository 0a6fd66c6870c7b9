using Corral.Contracts;

namespace Corral.Server.Tests.Contracts;

/// <summary>The table of Ollama's envconfig TestHost.</summary>
public sealed class OllamaHostTests
{
    [Theory]
    [InlineData(null, "http://127.0.0.1:11434")]
    [InlineData("", "http://127.0.0.1:11434")]
    [InlineData("1.2.3.4", "http://1.2.3.4:11434")]
    [InlineData(":1234", "http://:1234")]
    [InlineData("1.2.3.4:1234", "http://1.2.3.4:1234")]
    [InlineData("example.com", "http://example.com:11434")]
    [InlineData("example.com:1234", "http://example.com:1234")]
    [InlineData(":0", "http://:0")]
    [InlineData(":66000", "http://:11434")]
    [InlineData(":-1", "http://:11434")]
    [InlineData("[::1]", "http://[::1]:11434")]
    [InlineData("[::]", "http://[::]:11434")]
    [InlineData("::1", "http://[::1]:11434")]
    [InlineData("[::1]:1337", "http://[::1]:1337")]
    [InlineData(" 1.2.3.4 ", "http://1.2.3.4:11434")]
    [InlineData("\"1.2.3.4\"", "http://1.2.3.4:11434")]
    [InlineData(" \" 1.2.3.4 \" ", "http://1.2.3.4:11434")]
    [InlineData("'1.2.3.4'", "http://1.2.3.4:11434")]
    [InlineData("http://1.2.3.4", "http://1.2.3.4:80")]
    [InlineData("http://1.2.3.4:4321", "http://1.2.3.4:4321")]
    [InlineData("https://1.2.3.4", "https://1.2.3.4:443")]
    [InlineData("https://1.2.3.4:4321", "https://1.2.3.4:4321")]
    [InlineData("https://example.com/ollama", "https://example.com:443/ollama")]
    [InlineData("https://example.com/ollama/", "https://example.com:443/ollama")]
    [InlineData("http://1.2.3.4/", "http://1.2.3.4:80")]
    [InlineData("ollama.com", "https://ollama.com:443")]
    public void ParsesLikeEnvconfigHost(string? value, string expected) =>
        Assert.Equal(expected, OllamaHost.Parse(value).ToString());

    [Theory]
    [InlineData("127.0.0.1:1", true)]
    [InlineData("localhost:1", true)]
    [InlineData("[::1]:1", true)]
    [InlineData("0.0.0.0:1", false)]
    [InlineData(":1", false)]
    public void KnowsLoopback(string value, bool loopback) => Assert.Equal(loopback, OllamaHost.Parse(value).IsLoopback);
}
