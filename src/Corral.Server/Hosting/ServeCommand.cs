using Corral.Server.Endpoints;
using Corral.Server.Runners;
using Corral.Server.Security;

namespace Corral.Server.Hosting;

/// <summary><c>corral serve</c>: the server configured from OLLAMA_* variables, logging to stderr, until Ctrl+C or SIGTERM.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync()
    {
        ServerConfig config;
        try
        {
            config = ServerConfig.FromEnvironment(Environment.GetEnvironmentVariable);
        }
        catch (ServerConfigException e)
        {
            await Console.Error.WriteLineAsync($"Error: {e.Message}");
            return 1;
        }
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // Shut down cleanly (runners stopped) instead of being killed mid-write.
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            await using var server = await CorralServer.StartDefaultAsync(config, RunnerCommand.ForCurrentProcess(), stop.Token);
            await Console.Error.WriteLineAsync($"Listening on {server.Address.Authority} (version {StatusEndpoints.ApiVersion})");
            await server.WaitForShutdownAsync(stop.Token);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is IOException or ServerConfigException)
        {
            // Most often the address is in use: say so instead of a stack trace (Ollama: "Error: listen tcp ...").
            await Console.Error.WriteLineAsync($"Error: {e.Message}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
