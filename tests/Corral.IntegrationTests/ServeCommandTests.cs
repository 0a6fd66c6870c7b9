using System.Diagnostics;
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
        var info = new ProcessStartInfo(RealServer.RunnerCommand.FileName)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in RealServer.RunnerCommand.LeadingArguments.Append("serve"))
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["OLLAMA_HOST"] = "127.0.0.1:0";
        info.Environment["OLLAMA_MODELS"] = store;
        using var process = Process.Start(info)!;
        try
        {
            string? address = null;
            // Generous: on a machine loaded by parallel builds, start and stop each took over 15 s.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            while (address is null && await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                address = Listening().Match(line) is { Success: true } match ? match.Groups[1].Value : null;
            }
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
            if (!process.HasExited)
            {
                process.Kill();
            }
            Directory.Delete(store, recursive: true);
        }
    }

    // SIGINT, what Ctrl+C sends.
    private static int Interrupt(int pid) => Kill(pid, 2);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Listening on (127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
