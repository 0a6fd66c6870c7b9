using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Corral.Registry.Tests;

/// <summary>
/// A real registry: Debian's docker-registry (distribution 2.8) on 127.0.0.1 with a free port and a temporary
/// storage directory, killed when the test class is done.
/// </summary>
public sealed class DockerRegistryFixture : IAsyncLifetime
{
    private const string Binary = "/usr/bin/docker-registry";
    private readonly TempDirectory _storage = new();
    private Process? _process;

    public string Host { get; private set; } = "";

    public Uri BaseUri => new($"http://{Host}/");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException(
                $"{Binary} is missing: install it with `apt-get install -y docker-registry` (distribution 2.8).");
        var port = FreePort();
        Host = $"127.0.0.1:{port}";
        var config = _storage.Sub("config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {_storage.Sub("data")}
            http:
              addr: {Host}
            """);
        _process = Process.Start(new ProcessStartInfo(Binary, ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("docker-registry did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process?.Dispose();
        _storage.Dispose();
        return Task.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"docker-registry exited with code {_process.ExitCode}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "v2/"));
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
