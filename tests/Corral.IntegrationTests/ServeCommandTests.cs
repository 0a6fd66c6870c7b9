using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests;

/// <summary><c>corral serve</c> as a real process: configured from OLLAMA_* variables, logs on stderr, stops on SIGINT.</summary>
public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task ServeListensWhereOllamaHostSaysAndStopsOnInterrupt()
    {
        var store = Directory.CreateTempSubdirectory("corral-serve-").FullName;
        using var process = StartServe(store, ("OLLAMA_HOST", "127.0.0.1:0"));
        try
        {
            // Generous: on a machine loaded by parallel builds, start and stop each took over 15 s.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var (address, _) = await ReadUntilListeningAsync(process, timeout.Token);
            Assert.NotNull(address);

            using var client = new HttpClient { BaseAddress = new Uri($"http://{address}/") };
            using var tags = JsonDocument.Parse(await client.GetStringAsync("api/tags"));
            Assert.Empty(tags.RootElement.GetProperty("models").EnumerateArray());
            Assert.True(Directory.Exists(store));

            // Keep draining stderr so shutdown logging can never block on a full pipe.
            var restOfLog = process.StandardError.ReadToEndAsync(timeout.Token);
            Assert.Equal(0, Interrupt(process.Id));
            await process.WaitForExitAsync(timeout.Token);
            await restOfLog;
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("", await process.StandardOutput.ReadToEndAsync(timeout.Token));
        }
        finally
        {
            Stop(process, store);
        }
    }

    // Issue 11 / security history "Exposure data": OLLAMA_HOST=0.0.0.0 without authentication is how ~300k
    // servers ended up open, so that bind must say so on the log, and stop saying it once keys are configured.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BindingAllInterfacesWithoutKeysLogsALoudWarning(bool withKeys)
    {
        var store = Directory.CreateTempSubdirectory("corral-serve-").FullName;
        using var process = withKeys
            ? StartServe(store, ("OLLAMA_HOST", "0.0.0.0:0"), ("CORRAL_API_KEYS", "serve-test-key"))
            : StartServe(store, ("OLLAMA_HOST", "0.0.0.0:0"));
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var (address, logged) = await ReadUntilListeningAsync(process, timeout.Token);
            Assert.NotNull(address);
            Assert.Equal(0, Interrupt(process.Id));
            logged += await process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(!withKeys, logged.Contains("WARNING: listening on http://0.0.0.0:0, which is not a loopback address, WITHOUT API KEYS",
                StringComparison.Ordinal));
            // With keys but no certificate the remaining risk is keys in clear text, which is said instead.
            Assert.Equal(withKeys, logged.Contains("without TLS: API keys cross the network in clear text", StringComparison.Ordinal));
        }
        finally
        {
            Stop(process, store);
        }
    }

    private static Process StartServe(string store, params (string Name, string Value)[] environment)
    {
        var process = Process.Start(ServeProcess.StartInfo(store, environment.ToDictionary(e => e.Name, e => e.Value)))!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>The address from the "Listening on" line (null if stderr ended first) and everything logged until then.</summary>
    private static async Task<(string? Address, string Logged)> ReadUntilListeningAsync(Process process, CancellationToken cancellationToken)
    {
        var logged = new StringBuilder();
        while (await process.StandardError.ReadLineAsync(cancellationToken) is { } line)
        {
            logged.AppendLine(line);
            if (Listening().Match(line) is { Success: true } match)
            {
                return (match.Groups[1].Value, logged.ToString());
            }
        }
        return (null, logged.ToString());
    }

    private static void Stop(Process process, string store)
    {
        if (!process.HasExited)
        {
            process.Kill();
        }
        Directory.Delete(store, recursive: true);
    }

    // SIGINT, what Ctrl+C sends.
    private static int Interrupt(int pid) => Kill(pid, 2);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Listening on (127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
