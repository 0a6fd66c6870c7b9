using System.Net.Http.Headers;
using System.Text;
using Corral.Contracts;
using Corral.Server.Hosting;
using Corral.Server.Models;

namespace Corral.Server.Tests.Fakes;

/// <summary>A real Kestrel server on 127.0.0.1 port 0 with fake runners and an in-memory catalog.</summary>
public sealed class ServerHarness : IAsyncDisposable
{
    private ServerHarness(CorralServer server, FakeRunnerFactory runners, InMemoryModelCatalog catalog, ManualTimeProvider time)
    {
        Server = server;
        Runners = runners;
        Catalog = catalog;
        Time = time;
        Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(20) };
    }

    public CorralServer Server { get; }

    public FakeRunnerFactory Runners { get; }

    public InMemoryModelCatalog Catalog { get; }

    public ManualTimeProvider Time { get; }

    public HttpClient Client { get; }

    /// <param name="renderer">The prompt renderer; the transparent <see cref="TestPromptRenderer"/> unless a test
    /// needs the real templates (image tags, history fitting).</param>
    public static async Task<ServerHarness> StartAsync(Func<ServerConfig, ServerConfig>? configure = null, Action<FakeRunner>? runner = null,
        IPromptRenderer? renderer = null)
    {
        var catalog = new InMemoryModelCatalog();
        catalog.Add("tiny", "completion", "insert");
        catalog.Add("other");
        catalog.Add("thinker", "completion", "thinking", "tools");
        catalog.Add("embedder", "embedding");
        var runners = new FakeRunnerFactory { Configure = runner };
        var time = new ManualTimeProvider();
        var config = new ServerConfig { Host = OllamaHost.Parse("127.0.0.1:0") };
        var server = await CorralServer.StartAsync(new ServerOptions
        {
            Config = configure?.Invoke(config) ?? config,
            Catalog = catalog,
            Renderer = renderer ?? new TestPromptRenderer(),
            Grammars = new TestGrammarFactory(),
            OutputParsers = new TestOutputParserFactory(),
            RunnerFactory = runners,
            Time = time,
        });
        return new ServerHarness(server, runners, catalog, time);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json, CancellationToken cancellationToken = default) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")), cancellationToken);

    /// <summary>Sends a request and returns as soon as the headers arrive, so a test can read the stream line by line.</summary>
    public Task<HttpResponseMessage> PostStreamingAsync(string path, string json, CancellationToken cancellationToken = default) =>
        Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") },
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
