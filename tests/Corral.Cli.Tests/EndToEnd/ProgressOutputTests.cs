using Corral.Cli.Tests.Infrastructure;

namespace Corral.Cli.Tests.EndToEnd;

/// <summary><c>corral pull</c> progress from the real executable: plain lines when piped, bars on a terminal.</summary>
public sealed class ProgressOutputTests
{
    [Fact]
    public async Task Piped_pull_prints_one_plain_line_per_step()
    {
        await using var server = await ScriptedProgressServer.StartAsync();

        var result = await CorralProcess.RunAsync(new Dictionary<string, string> { ["OLLAMA_HOST"] = server.Host }, null, "pull", "some/model");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("pulling manifest\npulling 0123456789ab: 100% 2 MB\nverifying sha256 digest\nwriting manifest\nsuccess\n", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Push_sends_OLLAMA_API_KEY_as_a_bearer_token_and_prints_plain_lines()
    {
        await using var server = await ScriptedProgressServer.StartAsync();
        var environment = new Dictionary<string, string> { ["OLLAMA_HOST"] = server.Host, ["OLLAMA_API_KEY"] = "secret-key" };

        var result = await CorralProcess.RunAsync(environment, null, "push", "some/model", "--insecure");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Bearer secret-key", server.LastAuthorization);
        Assert.EndsWith("\nsuccess\n", result.Stderr);
    }

    [Fact]
    public async Task Run_pulls_a_missing_model_then_answers()
    {
        await using var server = await ScriptedProgressServer.StartAsync();

        var result = await CorralProcess.RunAsync(new Dictionary<string, string> { ["OLLAMA_HOST"] = server.Host }, null, "run", "some/model", "hello");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("pulling manifest\npulling 0123456789ab: 100% 2 MB\nverifying sha256 digest\nwriting manifest\nsuccess\n", result.Stderr);
        Assert.Equal("hi\n\n", result.Stdout);
    }

    [Fact]
    public async Task Pull_in_a_terminal_draws_a_bar_per_layer()
    {
        await using var server = await ScriptedProgressServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("corral-progress-").FullName;
        try
        {
            var environment = new Dictionary<string, string> { ["OLLAMA_HOST"] = server.Host };
            using (var pull = await TmuxSession.StartHeldAsync(directory, environment, "pull", "some/model"))
            {
                var screen = await pull.WaitForAsync(s => s.Contains("success"));
                // capture-pane -J keeps trailing blanks of erased cells, hence the " *".
                Assert.Matches(@"pulling manifest *\npulling 0123456789ab: 100% ▕█+▏ *2 MB *\nverifying sha256 digest *\nwriting manifest *\nsuccess", screen);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
