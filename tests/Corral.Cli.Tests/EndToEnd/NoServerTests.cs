using Corral.Cli.Tests.Infrastructure;

namespace Corral.Cli.Tests.EndToEnd;

/// <summary>The real executable when nothing listens at OLLAMA_HOST, and argument errors.</summary>
public sealed class NoServerTests
{
    private static readonly Dictionary<string, string> Unreachable = new() { ["OLLAMA_HOST"] = "127.0.0.1:1" };

    [Fact]
    public async Task A_server_command_without_a_server_says_how_to_start_one()
    {
        var result = await CorralProcess.RunAsync(Unreachable, null, "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: could not connect to corral server, run 'corral serve' to start it\n", result.Stderr);
    }

    [Fact]
    public async Task Version_without_a_server_warns_and_prints_the_client_version()
    {
        var result = await CorralProcess.RunAsync(Unreachable, null, "--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Warning: could not connect to a running corral instance\nWarning: client version is 0.33.0\n", result.Stdout);
    }

    [Fact]
    public async Task Wrong_argument_counts_and_unknown_flags_use_cobras_messages()
    {
        var noModel = await CorralProcess.RunAsync(Unreachable, null, "show");
        var unknownFlag = await CorralProcess.RunAsync(Unreachable, null, "list", "--bogus");

        Assert.Equal((1, "Error: accepts 1 arg(s), received 0\n"), (noModel.ExitCode, noModel.Stderr));
        Assert.Equal((1, "Error: unknown flag: --bogus\n"), (unknownFlag.ExitCode, unknownFlag.Stderr));
    }

    [Fact]
    public async Task Run_help_lists_every_flag()
    {
        var result = await CorralProcess.RunAsync(Unreachable, null, "run", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Run a model\n\nUsage:\n  corral run MODEL [PROMPT] [flags]\n\nFlags:\n", result.Stdout);
        foreach (var flag in new[] { "--format string", "--hidethinking", "--insecure", "--keepalive string", "--nowordwrap", "--think[=string]", "--verbose", "-h, --help" })
        {
            Assert.Contains(flag, result.Stdout);
        }
    }
}
