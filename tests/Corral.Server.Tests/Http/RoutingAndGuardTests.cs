using System.Net;
using Corral.Server.Tests.Fakes;

namespace Corral.Server.Tests.Http;

/// <summary>Global behaviour of reference section 1.0 on a real Kestrel server.</summary>
public sealed class RoutingAndGuardTests : IAsyncLifetime
{
    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RootSaysOllamaIsRunning()
    {
        var response = await _server.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ollama is running", await response.Content.ReadAsStringAsync());
        var head = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task VersionIsNumeric()
    {
        var response = await _server.Client.GetAsync("/api/version");
        Assert.Equal("{\"version\":\"0.33.0\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Theory]
    [InlineData("/api/version")]
    [InlineData("/api/tags")]
    public async Task HeadIsAnsweredWhereOllamaAllowsIt(string path)
    {
        var response = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPathIsGin404()
    {
        var response = await _server.Client.GetAsync("/api/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404 page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrongMethodIsGin405()
    {
        var response = await _server.Client.GetAsync("/api/generate");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("405 method not allowed", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("evil.example", HttpStatusCode.Forbidden)]
    [InlineData("evil.example:11434", HttpStatusCode.Forbidden)]
    [InlineData("8.8.8.8", HttpStatusCode.Forbidden)]
    [InlineData("localhost:11434", HttpStatusCode.OK)]
    [InlineData("foo.localhost", HttpStatusCode.OK)]
    [InlineData("printer.local", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("192.168.1.5:80", HttpStatusCode.OK)]
    [InlineData("[::1]:11434", HttpStatusCode.OK)]
    public async Task HostHeaderGuardOnLoopbackBind(string host, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/version");
        request.Headers.Host = host;
        var response = await _server.Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task HostGuardIsOffWhenNotBoundToLoopback()
    {
        await using var open = await ServerHarness.StartAsync(config => config with { Host = Corral.Contracts.OllamaHost.Parse("0.0.0.0:0") });
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/version");
        request.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.OK, (await open.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task CorsPreflightFromLocalOriginIsAllowed()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/chat");
        request.Headers.Add("Origin", "http://localhost:3000");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:3000", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-stainless-os", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
    }

    [Fact]
    public async Task CorsFromForeignOriginIsForbidden()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/tags");
        request.Headers.Add("Origin", "https://evil.example");
        var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task CorsSimpleRequestGetsAllowOrigin()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/tags");
        request.Headers.Add("Origin", "vscode-webview://abc");
        var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("vscode-webview://abc", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
