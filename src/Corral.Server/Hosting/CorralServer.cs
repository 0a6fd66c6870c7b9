using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Corral.Server.Hosting;

/// <summary>A started server: its real listening address (port 0 resolved) and a way to stop it.</summary>
public sealed class CorralServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CorralServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Base address clients should use, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<CorralServer> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        var app = ServerHost.Build(options);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Like Ollama's client, an all-interfaces bind is reached through loopback.
        var reachable = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        return new CorralServer(app, new Uri(reachable + "/"));
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (the <c>serve</c> command).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
