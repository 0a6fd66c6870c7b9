using System.Net.Http.Headers;
using Corral.IntegrationTests.Infrastructure;
using Corral.Server.Security;

namespace Corral.IntegrationTests.Security;

/// <summary>
/// A real server with one key per scope (as CORRAL_API_KEYS would give), holding the Llama-2 fixture as
/// <see cref="Model"/>, created over HTTP with the manage key.
/// </summary>
public sealed class KeyedServerFixture : IAsyncLifetime
{
    public const string ReadKey = "corral-test-read-key";
    public const string InferKey = "corral-test-infer-key";
    public const string ManageKey = "corral-test-manage-key";
    public const string Model = "tiny:latest";

    private RealServer? _server;

    public RealServer Server => _server ?? throw new InvalidOperationException("the fixture has not started");

    public async Task InitializeAsync()
    {
        var keys = ApiKeySet.Load($"{ReadKey} read; {InferKey} infer; {ManageKey} manage", "");
        _server = await RealServer.StartAsync(config => config with { ApiKeys = keys });
        Server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ManageKey);
        await Server.CreateModelAsync(Model, TestPaths.Llama2Fixture, RealServer.SmallContext());
        Server.Client.DefaultRequestHeaders.Authorization = null;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
