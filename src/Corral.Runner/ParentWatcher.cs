using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Corral.Runner;

/// <summary>
/// Stops the runner when the server that started it is gone (crash, kill -9), so no orphan keeps a model in
/// memory. Ollama's runners get the same effect from their parent closing the pipe; polling the pid also covers
/// a parent that dies without closing anything.
/// </summary>
internal sealed class ParentWatcher(int parentPid, IHostApplicationLifetime lifetime, ILogger<ParentWatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_interval);
        while (IsAlive(parentPid))
        {
            if (!await timer.WaitForNextTickAsync(stoppingToken))
            {
                return;
            }
        }

        logger.LogWarning("parent process {Pid} is gone, stopping the runner", parentPid);
        lifetime.StopApplication();
    }

    internal static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
