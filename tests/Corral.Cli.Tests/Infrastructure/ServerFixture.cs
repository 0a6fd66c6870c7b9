using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Corral.Cli.Tests.Infrastructure;

/// <summary>
/// A real <c>corral serve</c> process on a free loopback port with its model store and HOME in a temp directory,
/// holding the fixture model created through the CLI (<c>corral create tiny -f Modelfile</c>).
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    public const string Model = "tiny";

    private Process? _server;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("corral-cli-").FullName;

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public CliResult CreateResult { get; private set; } = new(-1, "", "");

    public string ModelfilePath => Path.Combine(Directory, "Modelfile");

    public async Task InitializeAsync()
    {
        var port = FreePort();
        Environment["OLLAMA_HOST"] = $"127.0.0.1:{port}";
        Environment["OLLAMA_MODELS"] = Path.Combine(Directory, "models");
        Environment["HOME"] = Directory;
        Configure(Environment);
        _server = Process.Start(CorralProcess.StartInfo(Environment, "serve"))!;
        _server.StandardInput.Close();
        _ = _server.StandardOutput.ReadToEndAsync();
        _ = _server.StandardError.ReadToEndAsync();
        await WaitForServerAsync(port);
        await File.WriteAllTextAsync(ModelfilePath, $""""
            FROM {RepoPaths.TinyModel}
            PARAMETER num_predict 4
            PARAMETER temperature 0
            SYSTEM You are tiny.
            LICENSE """MIT
            second line
            third line"""
            """");
        CreateResult = await RunAsync("create", Model, "-f", ModelfilePath);
        Assert.Equal(0, CreateResult.ExitCode);
    }

    /// <summary>Adds variables for both the server and every CLI command run against it.</summary>
    protected virtual void Configure(Dictionary<string, string> environment)
    {
    }

    public Task<CliResult> RunAsync(params string[] args) => CorralProcess.RunAsync(Environment, null, args);

    public Task<CliResult> RunWithStdinAsync(string stdin, params string[] args) => CorralProcess.RunAsync(Environment, stdin, args);

    public async Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForServerAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"corral serve exited with {_server.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("corral serve did not start listening");
    }
}
