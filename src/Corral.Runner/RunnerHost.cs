using Corral.Contracts.Runner;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Corral.Runner;

/// <summary>
/// The <c>corral runner</c> process: one model behind the runner protocol on a Unix domain socket. Logs go to
/// stderr, which the server forwards to its own log and quotes when the runner dies.
/// </summary>
public static class RunnerHost
{
    /// <summary>Entry point of <c>corral runner ARGS</c>; returns the process exit code (2 for bad arguments).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args,
        ModelLoader loadModelAsync)
    {
        RunnerOptions options;
        try
        {
            options = RunnerOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"corral runner: {ex.Message}");
            return 2;
        }

        await using var app = Build(options, loadModelAsync);
        await app.RunAsync();
        return 0;
    }

    /// <summary>Builds the (not yet started) host; <paramref name="loadModelAsync"/> loads the model in the
    /// background once the host has started.</summary>
    public static WebApplication Build(RunnerOptions options,
        ModelLoader loadModelAsync)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(options.SocketPath));

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(loadModelAsync);
        builder.Services.AddSingleton<ModelHolder>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ModelHolder>());
        if (options.ParentPid is { } parentPid)
        {
            builder.Services.AddHostedService(services => new ParentWatcher(parentPid,
                services.GetRequiredService<IHostApplicationLifetime>(),
                services.GetRequiredService<ILogger<ParentWatcher>>()));
        }

        var app = builder.Build();
        RunnerEndpoints.Map(app, app.Services.GetRequiredService<ModelHolder>());
        return app;
    }
}
