using Corral.Contracts.Runner;
using Corral.Server.Runners;
using Microsoft.AspNetCore.Builder;

namespace Corral.Runner.Tests;

/// <summary>A RunnerHost started in the test process on a temporary Unix socket, with a RunnerClient on it.</summary>
public sealed class InProcessRunner : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;
    private readonly WebApplication _app;

    private InProcessRunner(DirectoryInfo directory, WebApplication app, string socketPath)
    {
        _directory = directory;
        _app = app;
        SocketPath = socketPath;
        Client = new RunnerClient(socketPath);
    }

    public string SocketPath { get; }

    public RunnerClient Client { get; }

    public static async Task<InProcessRunner> StartAsync(ModelLoader load)
    {
        var directory = Directory.CreateTempSubdirectory("corral-runner-test-");
        var socketPath = Path.Combine(directory.FullName, "runner.sock");
        var app = RunnerHost.Build(new RunnerOptions { ModelPath = "fake.gguf", SocketPath = socketPath }, load);
        await app.StartAsync();
        return new InProcessRunner(directory, app, socketPath);
    }

    /// <summary>Starts with an already loaded model and waits until /status says "ready".</summary>
    public static async Task<InProcessRunner> StartReadyAsync(IModelRunner model)
    {
        var runner = await StartAsync((_, _, _) => Task.FromResult(model));
        await runner.WaitForStateAsync("ready");
        return runner;
    }

    public async Task<RunnerStatus> WaitForStateAsync(string state)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var status = await Client.GetStatusAsync(timeout.Token);
            if (status.State == state)
            {
                return status;
            }

            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
