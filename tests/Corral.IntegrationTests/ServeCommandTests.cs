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
        using var process = Process.Start(ServeProcess.StartInfo(store))!;
        process.StandardInput.Close();
        try
        {
            string? address = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (address is null && await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                address = Listening().Match(line) is { Success: true } match ? match.Groups[1].Value : null;
            }
            Assert.NotNull(address);

            using var client = new HttpClient { BaseAddress = new Uri($"http://{address}/") };
            using var tags = JsonDocument.Parse(await client.GetStringAsync("api/tags"));
            Assert.Empty(tags.RootElement.GetProperty("models").EnumerateArray());
            Assert.True(Directory.Exists(store));

            Assert.Equal(0, Interrupt(process.Id));
            await process.WaitForExitAsync(timeout.Token);
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
