using Corral.Server.Hosting;

namespace Corral.IntegrationTests.Infrastructure;

/// <summary>
/// One real server per test class with the Llama-3 fixture created as <see cref="Model"/> through HTTP
/// (blob upload + /api/create). Derive to change the configuration or to create more models; load-time options
/// stay small (num_ctx 256) so runners start fast on 2 cores.
/// </summary>
public class ModelFixture : IAsyncLifetime
{
    private RealServer? _server;

    /// <summary>The name the fixture model is created under.</summary>
    public string Model => "tiny:latest";

    public RealServer Server => _server ?? throw new InvalidOperationException("the fixture has not started");

    public async Task InitializeAsync()
    {
        _server = await RealServer.StartAsync(Configure);
        await Server.CreateModelAsync(Model, TestPaths.Llama3Fixture, RealServer.SmallContext());
        await CreateModelsAsync(Server);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Server configuration for this fixture; the default keeps Corral's defaults.</summary>
    protected virtual ServerConfig Configure(ServerConfig config) => config;

    /// <summary>Creates any further models the test class needs.</summary>
    protected virtual Task CreateModelsAsync(RealServer server) => Task.CompletedTask;
}
