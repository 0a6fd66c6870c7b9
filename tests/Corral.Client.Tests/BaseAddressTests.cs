namespace Corral.Client.Tests;

/// <summary>
/// <see cref="CorralClient.GetBaseAddress"/> against the cases of Ollama's <c>TestHost</c>
/// (https://github.com/ollama/ollama/blob/main/envconfig/config_test.go), with unspecified hosts dialled on loopback.
/// </summary>
public sealed class BaseAddressTests
{
    [Theory]
    [InlineData(null, "http", "127.0.0.1", 11434, "/")]
    [InlineData("", "http", "127.0.0.1", 11434, "/")]
    [InlineData("1.2.3.4", "http", "1.2.3.4", 11434, "/")]
    [InlineData(":1234", "http", "127.0.0.1", 1234, "/")]
    [InlineData("1.2.3.4:1234", "http", "1.2.3.4", 1234, "/")]
    [InlineData("example.com", "http", "example.com", 11434, "/")]
    [InlineData("example.com:1234", "http", "example.com", 1234, "/")]
    [InlineData(":0", "http", "127.0.0.1", 0, "/")]
    [InlineData(":66000", "http", "127.0.0.1", 11434, "/")]
    [InlineData(":-1", "http", "127.0.0.1", 11434, "/")]
    [InlineData("example.com:port", "http", "example.com", 11434, "/")]
    [InlineData("[::1]", "http", "[::1]", 11434, "/")]
    [InlineData("[::]", "http", "[::1]", 11434, "/")]
    [InlineData("::1", "http", "[::1]", 11434, "/")]
    [InlineData("[::1]:1337", "http", "[::1]", 1337, "/")]
    [InlineData("0.0.0.0", "http", "127.0.0.1", 11434, "/")]
    [InlineData(" 1.2.3.4 ", "http", "1.2.3.4", 11434, "/")]
    [InlineData("\"1.2.3.4\"", "http", "1.2.3.4", 11434, "/")]
    [InlineData(" \" 1.2.3.4 \" ", "http", "1.2.3.4", 11434, "/")]
    [InlineData("'1.2.3.4'", "http", "1.2.3.4", 11434, "/")]
    [InlineData("http://1.2.3.4", "http", "1.2.3.4", 80, "/")]
    [InlineData("http://1.2.3.4:4321", "http", "1.2.3.4", 4321, "/")]
    [InlineData("https://1.2.3.4", "https", "1.2.3.4", 443, "/")]
    [InlineData("https://1.2.3.4:4321", "https", "1.2.3.4", 4321, "/")]
    [InlineData("http://1.2.3.4:4321/", "http", "1.2.3.4", 4321, "/")]
    [InlineData("https://example.com/ollama", "https", "example.com", 443, "/ollama/")]
    [InlineData("https://example.com/ollama//", "https", "example.com", 443, "/ollama/")]
    [InlineData("ollama.com", "https", "ollama.com", 443, "/")]
    public void Parses_OLLAMA_HOST_like_Ollama(string? value, string scheme, string host, int port, string path)
    {
        var uri = CorralClient.GetBaseAddress(value);

        Assert.Equal((scheme, host, port, path), (uri.Scheme, uri.Host, uri.Port, uri.AbsolutePath));
    }

    [Fact]
    public void A_base_path_is_kept_when_resolving_api_paths()
    {
        using var client = new CorralClient(new Uri("https://example.com/ollama"));

        Assert.Equal("https://example.com/ollama/api/tags", new Uri(client.BaseAddress, "api/tags").AbsoluteUri);
    }
}
