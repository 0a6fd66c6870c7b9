using Corral.Cli.Tests.Infrastructure;

namespace Corral.Cli.Tests.EndToEnd;

/// <summary>
/// OLLAMA_API_KEY goes out as <c>Authorization: Bearer</c> on every CLI request: the fixture's <c>corral create</c>
/// (blob HEAD, blob upload, create) already needed it against a server that has keys on.
/// </summary>
public sealed class ApiKeyTests(KeyedServerFixture server) : IClassFixture<KeyedServerFixture>
{
    [Fact]
    public async Task Commands_send_OLLAMA_API_KEY_and_fail_clearly_without_it()
    {
        Assert.Equal(0, server.CreateResult.ExitCode);
        var list = await server.RunAsync("list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(ServerFixture.Model, list.Stdout);
        Assert.Equal(0, (await server.RunAsync("show", ServerFixture.Model)).ExitCode);

        var withoutKey = new Dictionary<string, string>(server.Environment) { ["OLLAMA_API_KEY"] = "" };
        var refused = await CorralProcess.RunAsync(withoutKey, null, "list");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("unauthorized: a valid API key is required", refused.Stderr);
    }
}
