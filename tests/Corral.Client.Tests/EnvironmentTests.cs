using Microsoft.Extensions.DependencyInjection;

namespace Corral.Client.Tests;

[Collection(ServerCollection.Name)]
public sealed class EnvironmentTests(ScriptedServerFixture server)
{
    [Fact]
    public async Task FromEnvironment_targets_OLLAMA_HOST_and_sends_OLLAMA_API_KEY_as_bearer()
    {
        var script = server.NewScript().Reply(200, """{"version":"0.12.11"}""");
        var (host, key) = (Environment.GetEnvironmentVariable("OLLAMA_HOST"), Environment.GetEnvironmentVariable("OLLAMA_API_KEY"));
        try
        {
            Environment.SetEnvironmentVariable("OLLAMA_HOST", $"\"{script.BaseUri.AbsoluteUri}\"");
            Environment.SetEnvironmentVariable("OLLAMA_API_KEY", "secret-key");
            using var client = CorralClient.FromEnvironment();

            Assert.Equal("0.12.11", await client.VersionAsync());
        }
        finally
        {
            Environment.SetEnvironmentVariable("OLLAMA_HOST", host);
            Environment.SetEnvironmentVariable("OLLAMA_API_KEY", key);
        }

        Assert.Equal("Bearer secret-key", Assert.Single(script.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task An_HttpClient_with_a_BaseAddress_is_used_as_is()
    {
        var script = server.NewScript().Reply(200, """{"models":[]}""");
        using var http = new HttpClient { BaseAddress = script.BaseUri };
        http.DefaultRequestHeaders.Add("X-Factory", "yes");
        using var client = new CorralClient(http);

        Assert.Empty((await client.ListAsync()).Models);

        var request = Assert.Single(script.Requests);
        Assert.Equal("yes", request.Headers["X-Factory"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Works_with_a_typed_client_from_IHttpClientFactory()
    {
        var script = server.NewScript().Reply(200, """{"version":"0.12.11"}""");
        var services = new ServiceCollection();
        services.AddHttpClient<CorralClient>(http => http.BaseAddress = script.BaseUri);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<CorralClient>();

        Assert.Equal("0.12.11", await client.VersionAsync());
        Assert.Equal(script.BaseUri, client.BaseAddress);
    }
}
