using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Corral.Bench;

/// <summary>
/// A server under test as a child process on a free 127.0.0.1 port, its output appended to a log file (so a failed
/// start can be diagnosed), killed with its children on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _logging;

    private ServerProcess(Process process, Task logging, Uri address, string logPath)
    {
        _process = process;
        _logging = logging;
        Address = address;
        LogPath = logPath;
    }

    public Uri Address { get; }

    public string LogPath { get; }

    /// <summary>Starts <paramref name="start"/> (which gets the chosen port) and waits until
    /// <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(Func<int, ProcessStartInfo> start, string readyPath, string logPath, TimeSpan timeout)
    {
        var port = FreePort();
        var info = start(port);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var logging = Task.WhenAll(CopyAsync(process.StandardOutput, log), CopyAsync(process.StandardError, log))
            .ContinueWith(_ => log.Dispose(), TaskScheduler.Default);
        var server = new ServerProcess(process, logging, new Uri($"http://127.0.0.1:{port}/"), logPath);
        try
        {
            await server.WaitReadyAsync(readyPath, timeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _logging;
        _process.Dispose();
    }

    private async Task WaitReadyAsync(string path, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode}; see {LogPath}");
            }

            try
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet (or too busy to answer on this loaded machine): ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"{_process.StartInfo.FileName} did not answer {path} within {timeout}; see {LogPath}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task CopyAsync(StreamReader from, StreamWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            lock (to)
            {
                to.WriteLine(line);
            }
        }
    }
}
