using Corral.Server.Runners;
using Corral.Server.Wiring;
using Corral.Store;
using Corral.Store.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Hosting;

/// <summary>A started server: its real listening address (port 0 resolved) and a way to stop it.</summary>
public sealed class CorralServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDisposable? _owned;

    private CorralServer(WebApplication app, Uri address, IDisposable? owned)
    {
        _app = app;
        Address = address;
        _owned = owned;
    }

    /// <summary>Base address clients should use, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<CorralServer> StartAsync(ServerOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, owned: null, cancellationToken);

    /// <summary>
    /// Starts the real server (what <c>corral serve</c> runs): the model store at <see cref="ServerConfig.ModelsPath"/>
    /// after Ollama's startup maintenance (legacy blob names fixed, unused blobs pruned unless OLLAMA_NOPRUNE),
    /// runner and quantizer child processes started with <paramref name="runnerCommand"/>.
    /// </summary>
    public static async Task<CorralServer> StartDefaultAsync(ServerConfig config, RunnerCommand runnerCommand,
        CancellationToken cancellationToken = default)
    {
        var loggerFactory = ServerLogging.CreateFactory(config);
        try
        {
            var store = new ModelStore(new StorePaths(config.ModelsPath), config.NoPrune);
            var pruned = store.RunStartupMaintenance();
            loggerFactory.CreateLogger<CorralServer>().LogInformation("model store {Path}: {Pruned}", config.ModelsPath, pruned);
            return await StartAsync(DefaultServerOptions.Create(config, store, runnerCommand, loggerFactory), loggerFactory, cancellationToken);
        }
        catch
        {
            loggerFactory.Dispose();
            throw;
        }
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (the <c>serve</c> command).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _owned?.Dispose();
    }

    private static async Task<CorralServer> StartAsync(ServerOptions options, IDisposable? owned, CancellationToken cancellationToken)
    {
        var app = ServerHost.Build(options);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Like Ollama's client, an all-interfaces bind is reached through loopback.
        var reachable = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        return new CorralServer(app, new Uri(reachable + "/"), owned);
    }
}
